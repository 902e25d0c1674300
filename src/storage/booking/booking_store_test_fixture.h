#pragma once

// The world the booking stores' tests start from (storage/booking/*_test.cpp): two communes, a parent with his
// household and child, and a site, an activity and a school year of the sample catalogue, on a migrated test
// database of either backend; helpers to run a booking step and to build an enrolment or a booked day.

#include <gtest/gtest.h>

#include <functional>

#include "booking/booking_service.h"
#include "catalog/catalog_service.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage::booking_testing {

inline core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

class BookingStoreFixture : public ::testing::Test {
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

    booking::Enrolment enrolment() const {
        booking::Enrolment e;
        e.commune = m_commune;
        e.household = m_household;
        e.child = m_child;
        e.activity = m_activity;
        e.period.school_year = m_year;
        e.site = m_site;
        e.status = booking::EnrolmentStatus::pending;
        e.requested_by = m_parent;
        e.requested_at = m_clock.now();
        return e;
    }

    booking::DayBooking booking_of(core::CivilDate on) const {
        booking::DayBooking b;
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

}  // namespace guichet::storage::booking_testing
