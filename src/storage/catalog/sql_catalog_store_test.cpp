#include "storage/catalog/sql_catalog_store.h"

#include <gtest/gtest.h>

#include "catalog/catalog_service.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using namespace catalog;

// The test catalogue with every kind of value the columns hold: dates to be confirmed, eligibility, a flat
// surcharge, working-day counting, a session on some weekdays only, a closure of everything.
Catalog rich_catalog() {
    Catalog catalog = catalog::testing::zone_c_catalog();
    catalog.school_years[0].holidays[2].first_day_off.to_be_confirmed = true;
    catalog.school_years[0].days_without_school[0].day.to_be_confirmed = true;
    catalog.school_years[0].last_day.to_be_confirmed = true;
    catalog.activities[0].eligibility = {{family::ClassLevel::ps, family::ClassLevel::cm2}, std::nullopt, 11};
    catalog.activities[0].needs_validation = true;
    catalog.activities[1].rules.booking.late_surcharge = FlatSurcharge{core::Money::from_cents(150)};
    catalog.activities[1].rules.cancellation.free_until.counting = DayCounting::working;
    catalog.activities[1].rules.cancellation.late_cancellation_billed = false;
    catalog.activities[2].eligibility.min_age = 3;
    catalog.sessions[0].weekdays = {core::Weekday::monday, core::Weekday::thursday};
    catalog.closures.push_back({core::ClosureId{2}, core::CommuneId{1}, *core::CivilDate::parse_iso("2026-01-06"),
                                std::nullopt, std::nullopt, "Grève"});
    return catalog;
}

class SqlCatalogStoreTest : public ::testing::Test {
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
    }

    long long count(const std::string& table) {
        long long rows = 0;
        EXPECT_TRUE(m_test.database()
                        .read([&](soci::session& session) -> core::Status {
                            session << "SELECT COUNT(*) FROM " + table, soci::into(rows);
                            return {};
                        })
                        .has_value());
        return rows;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{*core::instant_from_iso_utc("2026-11-26T10:00:00Z")};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::hold};
    CatalogService m_service{m_store.catalog(), m_clock};
    core::CommuneId m_commune{0};
    core::CommuneId m_other{0};
};

TEST_F(SqlCatalogStoreTest, EveryValueOfTheCatalogueComesBackAsStored) {
    const std::string file = write_catalog_file(rich_catalog());
    const auto report = m_service.import(m_commune, std::nullopt, read_catalog_file(file));
    ASSERT_TRUE(report.has_value()) << core::describe(report.error());
    EXPECT_TRUE(report->changed);
    EXPECT_EQ(*m_service.export_file(m_commune), file);
    const Catalog stored = *m_service.catalog(m_commune);
    EXPECT_TRUE(stored.school_years[0].has_dates_to_confirm());
    EXPECT_EQ(stored.activities[0].eligibility.max_age, 11);
    EXPECT_EQ(stored.activities[0].sites.size(), 2U);
    EXPECT_EQ(stored.sessions[0].capacity_at(stored.site_by_code("centre-de-loisirs")->id), 48);
    EXPECT_EQ(stored.closures.size(), 2U);
}

TEST_F(SqlCatalogStoreTest, ReimportingTheSameFileWritesNoRowAndNoHistory) {
    const auto document = read_catalog_file(write_catalog_file(rich_catalog()));
    ASSERT_TRUE(m_service.import(m_commune, std::nullopt, document).has_value());
    const long long events = count("catalog_event");
    const auto again = m_service.import(m_commune, std::nullopt, document);
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(again->changed);
    EXPECT_EQ(count("catalog_event"), events);
}

TEST_F(SqlCatalogStoreTest, EachCommuneSeesAndChangesOnlyItsOwnRows) {
    const auto document = read_catalog_file(write_catalog_file(rich_catalog()));
    ASSERT_TRUE(m_service.import(m_commune, std::nullopt, document).has_value());
    ASSERT_TRUE(m_service.import(m_other, std::nullopt, document).has_value());  // the same codes, another town
    const Catalog mine = *m_service.catalog(m_commune);
    const Catalog theirs = *m_service.catalog(m_other);
    EXPECT_EQ(theirs.sites.size(), 3U);
    EXPECT_NE(mine.sites[0].id, theirs.sites[0].id);
    EXPECT_FALSE(m_service.remove_closure(m_other, std::nullopt, mine.closures[0].id).has_value());
    FieldErrors errors;
    EXPECT_FALSE(m_service
                     .save_session(m_other, std::nullopt, mine.sessions[0].id,
                                   {"x", "X", "vacances", "2026-10-19", "2026-10-23", {{"centre-de-loisirs", "4"}}, {}},
                                   errors)
                     .has_value());
    EXPECT_EQ(*m_service.catalog(m_commune), mine);
    const auto status = m_store.catalog().write(
        [&](catalog::Transaction& tx) -> core::Status { return tx.catalog().delete_site(m_other, mine.sites[0].id); });
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, core::ErrorCode::not_found);
}

TEST_F(SqlCatalogStoreTest, ACodeIsUniqueInItsCommuneAndAReferencedSiteIsNotRemoved) {
    ASSERT_TRUE(m_service.import(m_commune, std::nullopt, read_catalog_file(write_catalog_file(rich_catalog()))));
    const Catalog stored = *m_service.catalog(m_commune);
    const auto duplicate = m_store.catalog().write([&](catalog::Transaction& tx) -> core::Status {
        Site copy = stored.sites[0];
        GUICHET_TRY(id, tx.catalog().insert_site(copy));
        (void)id;
        return {};
    });
    ASSERT_FALSE(duplicate.has_value());
    EXPECT_EQ(duplicate.error().code, core::ErrorCode::conflict);
    const auto referenced = m_store.catalog().write([&](catalog::Transaction& tx) -> core::Status {
        return tx.catalog().delete_site(m_commune, stored.site_by_code("centre-de-loisirs")->id);
    });
    ASSERT_FALSE(referenced.has_value());
    EXPECT_EQ(referenced.error().key, "err_catalog_in_use");
    EXPECT_EQ(count("catalog_site"), 3);
}

TEST_F(SqlCatalogStoreTest, AnImportRemovesWhatTheFileLeftOutAndKeepsTheIdsOfTheRest) {
    ASSERT_TRUE(m_service.import(m_commune, std::nullopt, read_catalog_file(write_catalog_file(rich_catalog()))));
    const Catalog before = *m_service.catalog(m_commune);
    Catalog smaller = rich_catalog();
    smaller.sessions.clear();
    smaller.closures.clear();
    smaller.activities.pop_back();  // vacances
    smaller.school_years[0].holidays.pop_back();
    const auto report = m_service.import(m_commune, std::nullopt, read_catalog_file(write_catalog_file(smaller)));
    ASSERT_TRUE(report.has_value()) << core::describe(report.error());
    EXPECT_EQ(report->removed, 4);
    EXPECT_EQ(report->updated, 1);
    const Catalog after = *m_service.catalog(m_commune);
    EXPECT_EQ(after.activities.size(), 2U);
    EXPECT_EQ(after.activity_by_code("mercredi")->id, before.activity_by_code("mercredi")->id);
    EXPECT_EQ(after.school_years[0].holidays.size(), 3U);
    EXPECT_EQ(count("holiday_session_site"), 0);
    EXPECT_EQ(count("service_closure"), 0);
}

TEST_F(SqlCatalogStoreTest, AgentsChangesAreWrittenWithTheirHistoryLine) {
    ASSERT_TRUE(m_service.import(m_commune, std::nullopt, read_catalog_file(write_catalog_file(rich_catalog()))));
    FieldErrors errors;
    const auto closure =
        m_service.add_closure(m_commune, std::nullopt, {"2026-05-11", "", "centre-de-loisirs", "Travaux"}, errors);
    ASSERT_TRUE(closure.has_value());
    ASSERT_TRUE(errors.empty());
    const auto session = m_service.save_session(m_commune, std::nullopt, std::nullopt,
                                                {"hiver-2027-s1",
                                                 "Vacances d'hiver 2027 — semaine 1",
                                                 "vacances",
                                                 "2027-02-08",
                                                 "2027-02-12",
                                                 {{"centre-de-loisirs", "40"}, {"ecole-paul-eluard", "20"}},
                                                 {}},
                                                errors);
    ASSERT_TRUE(session.has_value());
    const Catalog stored = *m_service.catalog(m_commune);
    EXPECT_EQ(stored.session(*session)->sites.size(), 2U);
    const auto history = *m_service.history(m_commune);
    ASSERT_EQ(history.size(), 3U);
    EXPECT_EQ(history[1].kind, "closure_added");
    EXPECT_EQ(history[2].kind, "session_created");
    EXPECT_EQ(history[2].at, m_clock.now());
    EXPECT_TRUE(m_service.history(m_other)->empty());
}

TEST_F(SqlCatalogStoreTest, SettingsAreStoredPerCommuneAndComeBackWithTheCatalogue) {
    Catalog catalog = rich_catalog();
    ASSERT_TRUE(catalog.settings.set("offer_hours", 6));
    ASSERT_TRUE(m_service.import(m_commune, std::nullopt, read_catalog_file(write_catalog_file(catalog))).has_value());
    ASSERT_TRUE(m_service.import(m_other, std::nullopt, read_catalog_file(write_catalog_file(rich_catalog()))));
    EXPECT_EQ(m_service.catalog(m_commune)->settings.get("offer_hours"), 6);
    EXPECT_EQ(m_service.catalog(m_other)->settings.get("offer_hours"), 24);
    EXPECT_EQ(count("catalog_setting"), 1);

    FieldErrors errors;
    ASSERT_TRUE(m_service.change_settings(m_commune, std::nullopt,
                                          {{"offer_hours", std::nullopt}, {"certificate_days", 20}}, errors));
    const Catalog stored = *m_service.catalog(m_commune);
    EXPECT_EQ(stored.settings.get("offer_hours"), 24);
    EXPECT_EQ(stored.settings.get("certificate_days"), 20);
    EXPECT_EQ(count("catalog_setting"), 1);
    EXPECT_EQ(m_service.catalog(m_other)->settings.get("certificate_days"), 10);
}

}  // namespace
}  // namespace guichet::storage
