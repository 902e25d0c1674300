// The absence and school-event stores on the real database (SQLite, and PostgreSQL when the suite names one): rows
// round-trip, one absence per booking, conditional updates, commune scoping, and the restore of a cancelled booking
// that refuses a day booked again.
#include "storage/booking/sql_absence_store.h"
#include "storage/booking/booking_store_test_fixture.h"

#include <gtest/gtest.h>

#include "booking/booking_service.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/booking/sql_school_event_store.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using booking::Absence;
using booking::BookingStatus;
using booking::DayBooking;
using booking::JustificationStatus;
using booking::SchoolEvent;

using SqlAbsenceStoreTest = booking_testing::BookingStoreFixture;
using booking_testing::day;

TEST_F(SqlAbsenceStoreTest, AbsencesRoundTripOncePerBookingAndTheirJustificationChangesOnlyFromItsExpectedState) {
    core::BookingId booking{0};
    booking::AbsenceId id{0};
    Absence absence;
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(made, tx.booking().insert_booking(booking_of(day("2025-10-16"))));
                    booking = made;
                    absence.commune = m_commune;
                    absence.household = m_household;
                    absence.child = m_child;
                    absence.booking = booking;
                    absence.activity = m_activity;
                    absence.day = day("2025-10-16");
                    absence.reason = booking::AbsenceReason::illness;
                    absence.note = "Fièvre";
                    absence.reported_by = m_parent;
                    absence.reported_at = m_clock.now();
                    absence.justification = JustificationStatus::awaited;
                    absence.justification_deadline = day("2025-10-26");
                    GUICHET_TRY(absence_id, tx.absences().insert_absence(absence));
                    id = absence_id;
                    return {};
                }).has_value());
    absence.id = id;
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(found, tx.absences().find_absence(m_commune, id));
                    EXPECT_EQ(found, absence);
                    GUICHET_TRY(foreign, tx.absences().find_absence(m_other, id));
                    EXPECT_FALSE(foreign.has_value());
                    auto twice = tx.absences().insert_absence(absence);
                    EXPECT_FALSE(twice.has_value());
                    EXPECT_EQ(twice.error().key, "err_absence_already_reported");
                    GUICHET_TRY(open, tx.absences().open_justifications(m_commune));
                    EXPECT_EQ(open.size(), 1u);
                    GUICHET_TRY(elsewhere, tx.absences().open_justifications(m_other));
                    EXPECT_TRUE(elsewhere.empty());
                    Absence decided = absence;
                    decided.justification = JustificationStatus::accepted;
                    decided.document_id = 12;
                    decided.decided_by = m_parent;
                    decided.decided_at = m_clock.now();
                    GUICHET_TRY(stale, tx.absences().update_justification(decided, JustificationStatus::submitted));
                    EXPECT_FALSE(stale);
                    GUICHET_TRY(updated, tx.absences().update_justification(decided, JustificationStatus::awaited));
                    EXPECT_TRUE(updated);
                    GUICHET_TRY(of_child, tx.absences().absences_of_child(m_commune, m_child));
                    EXPECT_EQ(of_child, std::vector<Absence>{decided});
                    GUICHET_TRY(none_open, tx.absences().open_justifications(m_commune));
                    EXPECT_TRUE(none_open.empty());
                    return {};
                }).has_value());
}

TEST_F(SqlAbsenceStoreTest, AnEventKeepsItsActivitiesAndItsCancellationsAndRestoresOnlyADayNotBookedAgain) {
    SchoolEvent event;
    event.commune = m_commune;
    event.site = m_site;
    event.first_day = day("2025-10-16");
    event.last_day = day("2025-10-17");
    event.activities = {m_activity};
    event.declared_by = m_parent;
    event.declared_at = m_clock.now();
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(id, tx.school_events().insert_event(event));
                    event.id = id;
                    GUICHET_TRY(first, tx.booking().insert_booking(booking_of(day("2025-10-16"))));
                    GUICHET_TRY(second, tx.booking().insert_booking(booking_of(day("2025-10-17"))));
                    GUICHET_TRY(later, tx.booking().insert_booking(booking_of(day("2025-10-20"))));
                    (void)later;
                    GUICHET_TRY(booked, tx.school_events().booked_days(m_commune, m_activity, m_site, event.first_day,
                                                                       event.last_day));
                    EXPECT_EQ(booked.size(), 2u);
                    for (core::BookingId id_to_cancel : {first, second}) {
                        DayBooking cancelled = booking_of(day("2025-10-16"));
                        cancelled.id = id_to_cancel;
                        cancelled.cancelled_by = m_parent;
                        cancelled.cancelled_at = m_clock.now();
                        cancelled.cancellation = booking::CancellationBilling::free;
                        GUICHET_TRY(done, tx.booking().cancel_booking(cancelled));
                        EXPECT_TRUE(done);
                        GUICHET_TRY_STATUS(tx.school_events().link_cancellation(m_commune, event.id, id_to_cancel));
                    }
                    // The 17th is booked again behind the event's back: restoring it would book it twice.
                    GUICHET_TRY(again, tx.booking().insert_booking(booking_of(day("2025-10-17"))));
                    (void)again;
                    GUICHET_TRY(found, tx.school_events().find_event(m_commune, event.id));
                    EXPECT_EQ(found, event);
                    GUICHET_TRY(foreign, tx.school_events().find_event(m_other, event.id));
                    EXPECT_FALSE(foreign.has_value());
                    GUICHET_TRY(active, tx.school_events().active_events(m_commune));
                    EXPECT_EQ(active, std::vector<SchoolEvent>{event});
                    GUICHET_TRY(cancelled, tx.school_events().cancelled_by(m_commune, event.id));
                    EXPECT_EQ(cancelled.size(), 2u);
                    GUICHET_TRY(restored, tx.school_events().restore_booking(m_commune, first));
                    EXPECT_TRUE(restored);
                    GUICHET_TRY(refused, tx.school_events().restore_booking(m_commune, second));
                    EXPECT_FALSE(refused);
                    GUICHET_TRY(row, tx.booking().find_booking(m_commune, first));
                    EXPECT_EQ(row->status, BookingStatus::booked);
                    EXPECT_FALSE(row->cancellation.has_value());
                    GUICHET_TRY(twice, tx.school_events().restore_booking(m_commune, first));
                    EXPECT_FALSE(twice);
                    SchoolEvent undone = event;
                    undone.undone_by = m_parent;
                    undone.undone_at = m_clock.now();
                    GUICHET_TRY(marked, tx.school_events().mark_undone(undone));
                    EXPECT_TRUE(marked);
                    GUICHET_TRY(marked_twice, tx.school_events().mark_undone(undone));
                    EXPECT_FALSE(marked_twice);
                    GUICHET_TRY(none, tx.school_events().active_events(m_commune));
                    EXPECT_TRUE(none.empty());
                    GUICHET_TRY(all, tx.school_events().events(m_commune));
                    EXPECT_EQ(all.size(), 1u);
                    return {};
                }).has_value());
}

}  // namespace
}  // namespace guichet::storage
