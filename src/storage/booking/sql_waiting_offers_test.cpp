// The waiting-list offers of the SQL store on the backend the run selects: an offer round-trips with the account
// that put the child on the list, its status moves once (an offer accepted twice books once), one open offer per
// entry, every lookup scoped by commune.
#include "storage/booking/sql_booking_store.h"

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

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

class SqlWaitingOfferTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value());
        SqlCommuneRepository communes(m_test.database(), m_clock);
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        m_commune = communes.insert(commune)->id;
        commune.slug = "andresy";
        commune.name = "Andrésy";
        m_other = communes.insert(commune)->id;
        ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                        identity::Account account;
                        account.commune = m_commune;
                        account.role = identity::Role::parent;
                        account.username = "marie";
                        account.email = "marie@example.fr";
                        GUICHET_TRY(id, tx.identity().insert_account(account));
                        m_parent = id;
                        family::Household household{core::HouseholdId{0}, m_commune, "F1", {}, m_clock.now()};
                        GUICHET_TRY(household_id, tx.family().insert_household(household));
                        m_household = household_id;
                        family::Child child{core::ChildId{0}, m_commune, "Dupont", "Rémi", day("2017-05-01")};
                        GUICHET_TRY(child_id, tx.family().insert_child(child));
                        m_child = child_id;
                        GUICHET_TRY_STATUS(tx.family().attach_child(m_household, m_child));
                        const catalog::Catalog sample = catalog::testing::zone_c_catalog();
                        catalog::Site site = sample.sites[0];
                        site.commune = m_commune;
                        GUICHET_TRY(site_id, tx.catalog().insert_site(site));
                        m_site = site_id;
                        catalog::Activity activity = sample.activities[0];
                        activity.commune = m_commune;
                        activity.sites = {{m_site, 60}};
                        GUICHET_TRY(activity_id, tx.catalog().insert_activity(activity));
                        m_activity = activity_id;
                        catalog::SchoolYear year = sample.school_years[0];
                        year.commune = m_commune;
                        GUICHET_TRY(year_id, tx.catalog().insert_school_year(year));
                        m_year = year_id;
                        return {};
                    }).has_value());
    }

    core::Status work(const std::function<core::Status(booking::Transaction&)>& step) {
        return m_store.booking().write(step);
    }

    Enrolment enrolment() const {
        Enrolment e;
        e.commune = m_commune;
        e.household = m_household;
        e.child = m_child;
        e.activity = m_activity;
        e.period.school_year = m_year;
        e.site = m_site;
        e.status = EnrolmentStatus::pending;
        e.requested_by = m_parent;
        e.requested_at = m_clock.now();
        return e;
    }

    DayBooking booking_of(core::CivilDate on) const {
        DayBooking b;
        b.commune = m_commune;
        b.household = m_household;
        b.child = m_child;
        b.activity = m_activity;
        b.site = m_site;
        b.day = on;
        b.timing = booking::BookingTiming::late;
        b.unit_price = core::Money::from_cents(210);
        b.surcharge = core::Money::from_cents(105);
        b.booked_by = m_parent;
        b.booked_at = m_clock.now();
        return b;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{*core::instant_from_iso_utc("2025-10-01T18:00:00Z")};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::hold};
    core::CommuneId m_commune{0}, m_other{0};
    core::AccountId m_parent{0};
    core::HouseholdId m_household{0};
    core::ChildId m_child{0};
    core::SiteId m_site{0};
    core::ActivityId m_activity{0};
    core::SchoolYearId m_year{0};
};

TEST_F(SqlWaitingOfferTest, AnOfferMovesFromOfferedOnceAndIsFoundOnlyInItsCommune) {
    ASSERT_TRUE(
        work([&](booking::Transaction& tx) -> core::Status {
            booking::WaitingEntry entry;
            entry.commune = m_commune;
            entry.household = m_household;
            entry.child = m_child;
            entry.activity = m_activity;
            entry.site = m_site;
            entry.day = day("2025-10-16");
            entry.joined_by = m_parent;
            entry.joined_at = m_clock.now();
            GUICHET_TRY(entry_id, tx.booking().join_waiting_list(entry));
            GUICHET_TRY(waiting, tx.booking().waiting_on_day(m_commune, {m_activity, m_site, entry.day}));
            EXPECT_EQ(waiting.size(), 1U);
            GUICHET_TRY(from, tx.booking().waiting_from(m_commune, day("2025-10-01")));
            EXPECT_EQ(from.size(), 1U);
            GUICHET_TRY(none, tx.booking().waiting_from(m_other, day("2025-10-01")));
            EXPECT_TRUE(none.empty());

            booking::WaitingOffer offer;
            offer.commune = m_commune;
            offer.entry = entry_id;
            offer.child = m_child;
            offer.household = m_household;
            offer.activity = m_activity;
            offer.site = m_site;
            offer.day = entry.day;
            offer.offered_at = m_clock.now();
            offer.expires_at = m_clock.now() + std::chrono::hours(24);
            offer.token_digest = "digest-1";
            GUICHET_TRY(id, tx.booking().insert_offer(offer));
            auto twice = tx.booking().insert_offer(offer);
            EXPECT_FALSE(twice.has_value());
            if (!twice) {
                EXPECT_EQ(twice.error().key, "err_offer_exists");
            }
            GUICHET_TRY(found, tx.booking().find_offer_by_token(m_commune, "digest-1"));
            EXPECT_TRUE(found.has_value());
            if (found) {
                EXPECT_EQ(found->id, id);
                EXPECT_EQ(found->joined_by, m_parent);
                EXPECT_EQ(found->day, entry.day);
                EXPECT_EQ(found->expires_at, offer.expires_at);
                EXPECT_EQ(found->status, booking::OfferStatus::offered);
                EXPECT_FALSE(found->decided_by.has_value());
            }
            GUICHET_TRY(foreign, tx.booking().find_offer_by_token(m_other, "digest-1"));
            EXPECT_FALSE(foreign.has_value());
            GUICHET_TRY(foreign_id, tx.booking().find_offer(m_other, id));
            EXPECT_FALSE(foreign_id.has_value());
            GUICHET_TRY(due_early, tx.booking().offers_due(m_commune, m_clock.now()));
            EXPECT_TRUE(due_early.empty());
            GUICHET_TRY(due, tx.booking().offers_due(m_commune, m_clock.now() + std::chrono::hours(25)));
            EXPECT_EQ(due.size(), 1U);
            GUICHET_TRY(open, tx.booking().open_offers_of_child(m_commune, m_child));
            EXPECT_EQ(open.size(), 1U);

            // Accepted through the link (no account), then again: the second changes nothing.
            GUICHET_TRY(first, tx.booking().close_offer(m_commune, id, booking::OfferStatus::accepted, m_clock.now(),
                                                        std::nullopt, booking::OfferChannel::mail));
            EXPECT_TRUE(first);
            GUICHET_TRY(second, tx.booking().close_offer(m_commune, id, booking::OfferStatus::declined, m_clock.now(),
                                                         m_parent, booking::OfferChannel::portal));
            EXPECT_FALSE(second);
            GUICHET_TRY(other_commune,
                        tx.booking().close_offer(m_other, id, booking::OfferStatus::expired, m_clock.now(),
                                                 std::nullopt, booking::OfferChannel::timer));
            EXPECT_FALSE(other_commune);
            GUICHET_TRY(after, tx.booking().find_offer(m_commune, id));
            EXPECT_TRUE(after.has_value());
            if (after) {
                EXPECT_EQ(after->status, booking::OfferStatus::accepted);
                EXPECT_EQ(after->channel, booking::OfferChannel::mail);
                EXPECT_FALSE(after->decided_by.has_value());
                EXPECT_TRUE(after->decided_at.has_value());
            }
            GUICHET_TRY(closed, tx.booking().open_offers_of_child(m_commune, m_child));
            EXPECT_TRUE(closed.empty());
            // Once closed, the entry may be offered a place again.
            offer.token_digest = "digest-2";
            GUICHET_TRY(again, tx.booking().insert_offer(offer));
            EXPECT_NE(again, id);
            GUICHET_TRY(all, tx.booking().offers_from(m_commune, day("2025-10-01")));
            EXPECT_EQ(all.size(), 2U);
            return tx.booking().lock_day_places(m_commune, {m_activity, m_site, entry.day});
        }).has_value());
}

}  // namespace
}  // namespace guichet::storage
