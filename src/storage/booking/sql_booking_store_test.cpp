#include "storage/booking/sql_booking_store.h"
#include "storage/booking/booking_store_test_fixture.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "booking/booking_service.h"
#include "catalog/catalog_service.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using booking::BookingStatus;
using booking::DayBooking;
using booking::Enrolment;
using booking::EnrolmentStatus;

using SqlBookingStoreTest = booking_testing::BookingStoreFixture;
using booking_testing::day;

TEST_F(SqlBookingStoreTest, EnrolmentsRoundTripAndAChildHasOneActiveEnrolmentPerActivityAndPeriod) {
    core::EnrolmentId id{0};
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(made, tx.booking().insert_enrolment(enrolment()));
                    id = made;
                    return {};
                }).has_value());
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    auto again = tx.booking().insert_enrolment(enrolment());
                    EXPECT_FALSE(again.has_value());
                    EXPECT_EQ(again.error().key, "err_enrolment_exists");
                    GUICHET_TRY(found, tx.booking().find_enrolment(m_commune, id));
                    EXPECT_TRUE(found.has_value());
                    EXPECT_EQ(found->period.school_year, m_year);
                    EXPECT_FALSE(found->period.session.has_value());
                    EXPECT_EQ(found->status, EnrolmentStatus::pending);
                    GUICHET_TRY(elsewhere, tx.booking().find_enrolment(m_other, id));
                    EXPECT_FALSE(elsewhere.has_value());
                    GUICHET_TRY(pending, tx.booking().pending_enrolments(m_commune));
                    EXPECT_EQ(pending.size(), 1u);
                    Enrolment refused = *found;
                    refused.status = EnrolmentStatus::refused;
                    refused.refusal_reason = "Plus de place.";
                    refused.decided_by = m_parent;
                    refused.decided_at = m_clock.now();
                    GUICHET_TRY(written, tx.booking().update_enrolment(refused, EnrolmentStatus::pending));
                    EXPECT_TRUE(written);
                    GUICHET_TRY(stale, tx.booking().update_enrolment(refused, EnrolmentStatus::pending));
                    EXPECT_FALSE(stale);  // it is no longer pending
                    // Refused, it no longer holds the place: the family may ask again.
                    GUICHET_TRY(new_id, tx.booking().insert_enrolment(enrolment()));
                    EXPECT_NE(new_id, id);
                    GUICHET_TRY(all, tx.booking().enrolments_of_child(m_commune, m_child));
                    EXPECT_EQ(all.size(), 2u);
                    EXPECT_EQ(all.back().refusal_reason, "Plus de place.");
                    return {};
                }).has_value());
}

TEST_F(SqlBookingStoreTest, ADayIsBookedOnceAndCanBeBookedAgainOnceCancelled) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(id, tx.booking().insert_booking(booking_of(day("2025-10-16"))));
                    auto twice = tx.booking().insert_booking(booking_of(day("2025-10-16")));
                    EXPECT_FALSE(twice.has_value());
                    EXPECT_EQ(twice.error().key, "err_day_already_booked");
                    GUICHET_TRY(found, tx.booking().find_booking(m_commune, id));
                    EXPECT_TRUE(found.has_value());
                    EXPECT_EQ(found->day, day("2025-10-16"));
                    EXPECT_EQ(found->timing, booking::BookingTiming::late);
                    EXPECT_EQ(found->billed_amount(), core::Money::from_cents(315));
                    DayBooking cancelled = *found;
                    cancelled.status = BookingStatus::cancelled;
                    cancelled.cancelled_by = m_parent;
                    cancelled.cancelled_at = m_clock.now();
                    cancelled.cancellation = booking::CancellationBilling::billed;
                    GUICHET_TRY(done, tx.booking().cancel_booking(cancelled));
                    EXPECT_TRUE(done);
                    GUICHET_TRY(again, tx.booking().cancel_booking(cancelled));
                    EXPECT_FALSE(again);
                    GUICHET_TRY(rebooked, tx.booking().insert_booking(booking_of(day("2025-10-16"))));
                    EXPECT_NE(rebooked, id);
                    GUICHET_TRY(month, tx.booking().bookings_of_child(m_commune, m_child, day("2025-10-01"),
                                                                      day("2025-10-31")));
                    EXPECT_EQ(month.size(), 2u);
                    EXPECT_EQ(month[0].cancellation, booking::CancellationBilling::billed);
                    EXPECT_EQ(month[0].billed_amount(), core::Money::from_cents(315));
                    GUICHET_TRY(foreign,
                                tx.booking().bookings_of_child(m_other, m_child, day("2025-10-01"), day("2025-10-31")));
                    EXPECT_TRUE(foreign.empty());
                    return {};
                }).has_value());
}

TEST_F(SqlBookingStoreTest, PlacesAreTakenUpToTheCapacityAndGivenBack) {
    const booking::DayPlaces places{m_activity, m_site, day("2025-10-16")};
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    for (int i = 0; i < 2; ++i) {
                        GUICHET_TRY(taken, tx.booking().take_place(m_commune, places, 2));
                        EXPECT_TRUE(taken);
                    }
                    GUICHET_TRY(third, tx.booking().take_place(m_commune, places, 2));
                    EXPECT_FALSE(third);
                    GUICHET_TRY_STATUS(tx.booking().release_place(m_commune, places));
                    GUICHET_TRY(taken, tx.booking().places_taken(m_commune, m_activity, m_site, day("2025-10-01"),
                                                                 day("2025-10-31")));
                    EXPECT_EQ(taken.size(), 1u);
                    EXPECT_EQ(taken[day("2025-10-16")], 1);
                    GUICHET_TRY(raised, tx.booking().take_place(m_commune, places, 3));
                    EXPECT_TRUE(raised);  // a capacity raised by the town makes room at once
                    return {};
                }).has_value());
}

TEST_F(SqlBookingStoreTest, ManyFamiliesRacingForTheLastPlacesGetExactlyTheCapacity) {
    constexpr int kCapacity = 5;
    constexpr int kFamilies = 24;
    const booking::DayPlaces places{m_activity, m_site, day("2025-10-16")};
    std::atomic<int> won{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> families;
    for (int i = 0; i < kFamilies; ++i) {
        families.emplace_back([&] {
            const auto status = work([&](booking::Transaction& tx) -> core::Status {
                GUICHET_TRY(taken, tx.booking().take_place(m_commune, places, kCapacity));
                if (taken) {
                    ++won;
                }
                return {};
            });
            if (!status) {
                ++failed;
            }
        });
    }
    for (std::thread& family : families) {
        family.join();
    }
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(won.load(), kCapacity);
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(taken,
                                tx.booking().places_taken(m_commune, m_activity, m_site, places.day, places.day));
                    EXPECT_EQ(taken[places.day], kCapacity);
                    return {};
                }).has_value());
}

// The booking service keeps the commune's catalogue in memory between requests. A change made meanwhile by another
// process (here a second connection pool on the same database, as `guichet catalog import` or a second server would
// make it) is seen by its next request, and by a confirmation whose plan was made before it.
TEST_F(SqlBookingStoreTest, TheCatalogueKeptInMemoryFollowsAChangeMadeByAnotherProcess) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    family::Representative person;
                    person.household = m_household;
                    person.commune = m_commune;
                    person.last_name = "Dupont";
                    person.first_name = "Marie";
                    GUICHET_TRY(id, tx.family().insert_representative(person));
                    person.id = id;
                    person.account = m_parent;
                    GUICHET_TRY_STATUS(tx.family().update_representative(person));
                    Enrolment accepted = enrolment();
                    accepted.status = EnrolmentStatus::accepted;
                    accepted.decided_by = m_parent;
                    accepted.decided_at = m_clock.now();
                    GUICHET_TRY(enrolled, tx.booking().insert_enrolment(accepted));
                    (void)enrolled;
                    return {};
                }).has_value());
    booking::BookingService service(m_store.booking(), m_clock);
    const booking::Scope scope{m_commune, core::TimeZone::locate("Europe/Paris").value()};
    const booking::Actor parent{m_parent, booking::BookingChannel::portal, std::nullopt, "192.0.2.1"};
    const auto decision_on = [&](const char* iso) {
        auto plan = service.plan(scope, parent, m_child, {m_activity, {day(iso)}});
        EXPECT_TRUE(plan.has_value()) << core::describe(plan.error());
        return plan && plan->summary.lines.size() == 1 ? plan->summary.lines[0].explanation.decision
                                                       : booking::Decision::closed;
    };
    ASSERT_EQ(decision_on("2025-10-16"), booking::Decision::on_time);
    ASSERT_EQ(decision_on("2025-10-16"), booking::Decision::on_time);  // the second one from the catalogue kept

    auto other = Database::open(m_test.url(), 1);
    ASSERT_TRUE(other.has_value());
    SqlUnitOfWork other_work(**other, m_clock, MailDelivery::hold);
    catalog::CatalogService agents(other_work.catalog(), m_clock);
    const auto close = [&](const char* iso) {
        catalog::FieldErrors errors;
        ASSERT_TRUE(agents.add_closure(m_commune, std::nullopt, {iso, "", "", "Grève"}, errors).has_value());
        ASSERT_TRUE(errors.empty());
    };
    close("2025-10-16");
    EXPECT_EQ(decision_on("2025-10-16"), booking::Decision::no_service);

    // A plan seen before the day closed: its confirmation books nothing and shows the day closed.
    auto seen = service.plan(scope, parent, m_child, {m_activity, {day("2025-10-17")}});
    ASSERT_TRUE(seen.has_value());
    ASSERT_EQ(seen->summary.lines.at(0).explanation.decision, booking::Decision::on_time);
    close("2025-10-17");
    auto confirmed = service.confirm(scope, parent, m_child, {m_activity, {day("2025-10-17")}}, seen->fingerprint);
    ASSERT_TRUE(confirmed.has_value()) << core::describe(confirmed.error());
    EXPECT_EQ(confirmed->outcome, booking::Confirmation::Outcome::changed);
    EXPECT_EQ(confirmed->plan.summary.lines.at(0).explanation.decision, booking::Decision::no_service);
    EXPECT_TRUE(confirmed->booked.empty());
}

TEST_F(SqlBookingStoreTest, TheHistorySaysWhoDidWhatForWhichChild) {
    const booking::BookingEvent event{m_commune,
                                      m_household,
                                      m_child,
                                      m_parent,
                                      booking::BookingChannel::guichet,
                                      "day_booked",
                                      "apps-matin 2025-10-16 late",
                                      "192.0.2.7",
                                      m_clock.now()};
    ASSERT_TRUE(work([&](booking::Transaction& tx) { return tx.booking().record(event); }).has_value());
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(history, tx.booking().history(m_commune, m_child));
                    EXPECT_EQ(history, std::vector<booking::BookingEvent>{event});
                    GUICHET_TRY(foreign, tx.booking().history(m_other, m_child));
                    EXPECT_TRUE(foreign.empty());
                    return {};
                }).has_value());
}

TEST_F(SqlBookingStoreTest, AWaitingListKeepsTheOrderOfArrivalAndEachChildOnce) {
    booking::WaitingEntry entry;
    entry.commune = m_commune;
    entry.household = m_household;
    entry.child = m_child;
    entry.activity = m_activity;
    entry.site = m_site;
    entry.day = day("2025-10-16");
    entry.joined_by = m_parent;
    entry.joined_at = m_clock.now();
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    family::Child other{core::ChildId{0}, m_commune, "Martin", "Léa", day("2017-06-01")};
                    GUICHET_TRY(other_id, tx.family().insert_child(other));
                    GUICHET_TRY_STATUS(tx.family().attach_child(m_household, other_id));
                    booking::WaitingEntry second = entry;
                    second.child = other_id;
                    GUICHET_TRY(first_id, tx.booking().join_waiting_list(entry));
                    GUICHET_TRY(second_id, tx.booking().join_waiting_list(second));
                    EXPECT_NE(first_id, second_id);
                    auto twice = tx.booking().join_waiting_list(entry);
                    EXPECT_FALSE(twice.has_value());
                    EXPECT_EQ(twice.error().key, "err_waiting_already");
                    GUICHET_TRY(positions, tx.booking().waiting_positions(m_commune, other_id, entry.day, entry.day));
                    EXPECT_EQ((positions[{m_activity.value(), entry.day}]), 2);
                    GUICHET_TRY(left, tx.booking().leave_waiting_list(m_commune, m_child, m_activity, entry.day,
                                                                      m_clock.now()));
                    EXPECT_TRUE(left);
                    GUICHET_TRY(again, tx.booking().leave_waiting_list(m_commune, m_child, m_activity, entry.day,
                                                                       m_clock.now()));
                    EXPECT_FALSE(again);
                    GUICHET_TRY(moved, tx.booking().waiting_positions(m_commune, other_id, entry.day, entry.day));
                    EXPECT_EQ((moved[{m_activity.value(), entry.day}]), 1);
                    GUICHET_TRY(foreign, tx.booking().waiting_positions(m_other, other_id, entry.day, entry.day));
                    EXPECT_TRUE(foreign.empty());
                    // Having left, the child may join again, at the end.
                    GUICHET_TRY(back, tx.booking().join_waiting_list(entry));
                    (void)back;
                    GUICHET_TRY(last, tx.booking().waiting_positions(m_commune, m_child, entry.day, entry.day));
                    EXPECT_EQ((last[{m_activity.value(), entry.day}]), 2);
                    return {};
                }).has_value());
}

}  // namespace
}  // namespace guichet::storage
