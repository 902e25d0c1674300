// The attendance store on the configured backend (SQLite, or PostgreSQL with GUICHET_TEST_BACKEND): a tap stored
// once by its mark id, the last tap as the child's mark, the roll's bookings and enrolments, the site staff accounts
// (the role read back through the account's site_staff column) and their sites, every lookup scoped by commune.
#include "storage/booking/sql_attendance_store.h"
#include "storage/booking/booking_store_test_fixture.h"

#include <gtest/gtest.h>

#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using booking_testing::day;

// The booking stores' world, seen from a school's site staff on the morning of a booked day.
class SqlAttendanceStoreTest : public booking_testing::BookingStoreFixture {
  protected:
    void SetUp() override {
        m_clock.set(*core::instant_from_iso_utc("2025-10-16T06:00:00Z"));
        BookingStoreFixture::SetUp();
        ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                        identity::Account account;
                        account.commune = m_commune;
                        account.role = identity::Role::site_staff;
                        account.username = "animateur";
                        account.email = "animateur@example.fr";
                        GUICHET_TRY(id, tx.identity().insert_account(account));
                        m_staff = id;
                        booking::DayBooking booked = booking_of(day("2025-10-16"));
                        booked.timing = booking::BookingTiming::on_time;
                        booked.surcharge = core::Money::from_cents(0);
                        booked.booked_by = m_staff;
                        GUICHET_TRY(booking_id, tx.booking().insert_booking(booked));
                        (void)booking_id;
                        return {};
                    }).has_value());
    }

    booking::AttendanceMark tap(const char* id, booking::Presence presence) const {
        booking::AttendanceMark mark;
        mark.commune = m_commune;
        mark.child = m_child;
        mark.household = m_household;
        mark.activity = m_activity;
        mark.site = m_site;
        mark.day = day("2025-10-16");
        mark.presence = presence;
        mark.mark_id = id;
        mark.marked_by = m_staff;
        mark.marked_at = m_clock.now();
        return mark;
    }

    core::AccountId m_staff{0};
};

TEST_F(SqlAttendanceStoreTest, ATapIsStoredOnceAndTheLastTapIsTheMark) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(first, tx.attendance().put_mark(tap("tap-0001-aaaa", booking::Presence::present)));
                    EXPECT_TRUE(first);
                    GUICHET_TRY(again, tx.attendance().put_mark(tap("tap-0001-aaaa", booking::Presence::absent)));
                    EXPECT_FALSE(again);
                    GUICHET_TRY(later, tx.attendance().put_mark(tap("tap-0002-bbbb", booking::Presence::absent)));
                    EXPECT_TRUE(later);
                    return {};
                }).has_value());
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(marks, tx.attendance().marks_on(m_commune, m_activity, m_site, day("2025-10-16")));
                    EXPECT_EQ(marks.size(), 1u);
                    if (!marks.empty()) {
                        EXPECT_EQ(marks[0], tap("tap-0002-bbbb", booking::Presence::absent));
                    }
                    GUICHET_TRY(taps, tx.attendance().taps_of(m_commune, m_child, m_activity, day("2025-10-16")));
                    EXPECT_EQ(taps.size(), 2u);
                    GUICHET_TRY(foreign, tx.attendance().marks_on(m_other, m_activity, m_site, day("2025-10-16")));
                    EXPECT_TRUE(foreign.empty());
                    return {};
                }).has_value());
}

TEST_F(SqlAttendanceStoreTest, TheRollReadsTheBookedChildrenOfTheDay) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(booked, tx.attendance().booked_on(m_commune, m_activity, m_site, day("2025-10-16")));
                    EXPECT_EQ(booked.size(), 1u);
                    if (!booked.empty()) {
                        EXPECT_EQ(booked[0].child, m_child);
                        EXPECT_EQ(booked[0].household, m_household);
                    }
                    GUICHET_TRY(other_day, tx.attendance().booked_on(m_commune, m_activity, m_site, day("2025-10-17")));
                    EXPECT_TRUE(other_day.empty());
                    GUICHET_TRY(between, tx.attendance().booked_between(m_commune, m_activity, day("2025-10-01"),
                                                                        day("2025-10-31")));
                    EXPECT_EQ(between.size(), 1u);
                    GUICHET_TRY(foreign, tx.attendance().booked_on(m_other, m_activity, m_site, day("2025-10-16")));
                    EXPECT_TRUE(foreign.empty());
                    return {};
                }).has_value());
}

TEST_F(SqlAttendanceStoreTest, ASiteStaffAccountKeepsItsRoleAndItsSites) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(account, tx.identity().find_account(m_commune, m_staff));
                    EXPECT_TRUE(account.has_value());
                    if (account) {
                        EXPECT_EQ(account->role, identity::Role::site_staff);
                        account->role = identity::Role::agent;
                        GUICHET_TRY_STATUS(tx.identity().update_account(*account));
                    }
                    GUICHET_TRY(changed, tx.identity().find_account(m_commune, m_staff));
                    EXPECT_EQ(changed->role, identity::Role::agent);
                    changed->role = identity::Role::site_staff;
                    GUICHET_TRY_STATUS(tx.identity().update_account(*changed));
                    GUICHET_TRY_STATUS(tx.attendance().set_staff_sites(m_commune, m_staff, {m_site}));
                    GUICHET_TRY(sites, tx.attendance().staff_sites(m_commune, m_staff));
                    EXPECT_EQ(sites, std::vector<core::SiteId>{m_site});
                    GUICHET_TRY_STATUS(tx.attendance().set_staff_sites(m_commune, m_staff, {}));
                    GUICHET_TRY(none, tx.attendance().staff_sites(m_commune, m_staff));
                    EXPECT_TRUE(none.empty());
                    GUICHET_TRY(foreign, tx.attendance().staff_sites(m_other, m_staff));
                    EXPECT_TRUE(foreign.empty());
                    return {};
                }).has_value());
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(account, tx.identity().find_account(m_commune, m_staff));
                    EXPECT_EQ(account->role, identity::Role::site_staff);
                    return {};
                }).has_value());
}

}  // namespace
}  // namespace guichet::storage
