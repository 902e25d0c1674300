#include "storage/booking/sql_allocation_store.h"

#include <gtest/gtest.h>

#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using booking::AllocationRequest;
using booking::AllocationRun;
using booking::RequestStatus;
using catalog::Criterion;

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

// The requests and runs of pre-registration, and a session's allocation member, on the real backend.
class SqlAllocationStoreTest : public ::testing::Test {
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
        ASSERT_TRUE(
            work([&](booking::Transaction& tx) -> core::Status {
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
                const catalog::Catalog sample = catalog::testing::zone_c_catalog();
                catalog::Site site = sample.sites[2];
                site.commune = m_commune;
                GUICHET_TRY(site_id, tx.catalog().insert_site(site));
                m_site = site_id;
                catalog::Activity activity = sample.activities[2];
                activity.commune = m_commune;
                activity.sites = {{m_site, 48}};
                GUICHET_TRY(activity_id, tx.catalog().insert_activity(activity));
                catalog::HolidaySession session = sample.sessions[0];
                session.commune = m_commune;
                session.activity = activity_id;
                session.sites = {{m_site, 2}};
                session.allocation.mode = catalog::AllocationMode::pre_registration;
                session.allocation.opens_at = core::LocalDateTime::parse_iso("2025-10-01T20:00").value();
                session.allocation.closes_at = core::LocalDateTime::parse_iso("2025-10-08T20:00").value();
                session.allocation.priorities = {{Criterion::resident, 100}, {Criterion::previous_waiting_list, 40}};
                session.allocation.resident_postcodes = {"78570"};
                GUICHET_TRY(session_id, tx.catalog().insert_session(session));
                m_session = session_id;
                m_allocation = session.allocation;
                return {};
            }).has_value());
    }

    core::Status work(const std::function<core::Status(booking::Transaction&)>& step) {
        return m_store.booking().write(step);
    }

    AllocationRequest request() const {
        AllocationRequest r;
        r.commune = m_commune;
        r.session = m_session;
        r.household = m_household;
        r.child = m_child;
        r.site = m_site;
        r.both_parents_working = true;
        r.requested_by = m_parent;
        r.requested_at = m_clock.now();
        return r;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{*core::instant_from_iso_utc("2025-10-02T18:00:00Z")};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::hold};
    core::CommuneId m_commune{0}, m_other{0};
    core::AccountId m_parent{0};
    core::HouseholdId m_household{0};
    core::ChildId m_child{0};
    core::SiteId m_site{0};
    core::HolidaySessionId m_session{0};
    catalog::SessionAllocation m_allocation;
};

TEST_F(SqlAllocationStoreTest, TheSessionsAllocationIsStoredWithTheCatalogue) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(catalog, tx.catalog().load(m_commune));
                    EXPECT_EQ(catalog.sessions.at(0).allocation, m_allocation);
                    return {};
                }).has_value());
}

TEST_F(SqlAllocationStoreTest, ARequestIsStoredOncePerChildAndChangesOnlyFromTheExpectedStatus) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(id, tx.allocation().insert_request(request()));
                    EXPECT_GT(id, 0);
                    auto again = tx.allocation().insert_request(request());
                    EXPECT_EQ(again.error().key, "err_allocation_already");
                    GUICHET_TRY(found, tx.allocation().find_request(m_commune, m_session, m_child));
                    EXPECT_TRUE(found.has_value());
                    EXPECT_TRUE(found->both_parents_working);
                    EXPECT_EQ(found->status, RequestStatus::requested);
                    AllocationRequest placed = *found;
                    placed.status = RequestStatus::placed;
                    placed.criteria = {Criterion::resident, Criterion::previous_waiting_list};
                    GUICHET_TRY(stale, tx.allocation().update_request(placed, RequestStatus::withdrawn));
                    EXPECT_FALSE(stale);
                    GUICHET_TRY(updated, tx.allocation().update_request(placed, RequestStatus::requested));
                    EXPECT_TRUE(updated);
                    GUICHET_TRY(all, tx.allocation().requests_of_session(m_commune, m_session));
                    EXPECT_EQ(all.size(), 1u);
                    EXPECT_EQ(all.at(0).status, RequestStatus::placed);
                    EXPECT_EQ(all.at(0).criteria, placed.criteria);
                    // Another commune sees nothing.
                    GUICHET_TRY(foreign, tx.allocation().requests_of_session(m_other, m_session));
                    EXPECT_TRUE(foreign.empty());
                    GUICHET_TRY(none, tx.allocation().find_request(m_other, m_session, m_child));
                    EXPECT_FALSE(none.has_value());
                    return {};
                }).has_value());
}

TEST_F(SqlAllocationStoreTest, ASessionRunsOnceAndItsRunReadsBackWhole) {
    AllocationRun run;
    run.commune = m_commune;
    run.session = m_session;
    run.seed = 0xfedcba9876543210ULL;  // above the signed 64-bit range: stored as hex text
    run.at = m_clock.now();
    run.priorities = m_allocation.priorities;
    run.places = {{{m_site.value(), day("2025-10-20")}, 2}, {{m_site.value(), day("2025-10-21")}, 1}};
    run.results = "1:placed:100:2:1;2:waiting:0:1:2";
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY_STATUS(tx.allocation().insert_run(run));
                    return {};
                }).has_value());
    // A second run of the session fails and rolls its transaction back.
    const auto second = work([&](booking::Transaction& tx) -> core::Status {
        GUICHET_TRY_STATUS(tx.allocation().insert_run(run));
        return {};
    });
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().code, core::ErrorCode::conflict);
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(found, tx.allocation().find_run(m_commune, m_session));
                    EXPECT_TRUE(found.has_value());
                    EXPECT_EQ(found->seed, run.seed);
                    EXPECT_EQ(found->priorities, run.priorities);
                    EXPECT_EQ(found->places, run.places);
                    EXPECT_EQ(found->results, run.results);
                    GUICHET_TRY(foreign, tx.allocation().find_run(m_other, m_session));
                    EXPECT_FALSE(foreign.has_value());
                    return {};
                }).has_value());
}

}  // namespace
}  // namespace guichet::storage
