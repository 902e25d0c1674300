#include "catalog/catalog_service.h"

#include <gtest/gtest.h>

#include "catalog/in_memory_catalog.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"

namespace guichet::catalog {
namespace {

class CatalogServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto report = m_service.import(m_commune, std::nullopt, document());
        ASSERT_TRUE(report.has_value());
        ASSERT_TRUE(report->changed);
    }

    static CatalogDocument document() { return read_catalog_file(write_catalog_file(testing::zone_c_catalog())); }

    core::FixedClock m_clock{*core::instant_from_iso_utc("2026-11-26T10:00:00Z")};
    testing::InMemoryCatalog m_work;
    CatalogService m_service{m_work, m_clock};
    core::CommuneId m_commune{1};
    core::CommuneId m_other{2};
    core::AccountId m_agent{7};
};

TEST_F(CatalogServiceTest, AnImportStoresTheFileAndItsExportGivesTheSameFile) {
    EXPECT_EQ(*m_service.export_file(m_commune), write_catalog_file(testing::zone_c_catalog()));
    EXPECT_EQ(m_service.catalog(m_other)->sites.size(), 0U);
    const auto history = *m_service.history(m_commune);
    ASSERT_EQ(history.size(), 1U);
    EXPECT_EQ(history[0].kind, "catalog_imported");
    EXPECT_EQ(history[0].detail, "+9 ~0 -0");
}

TEST_F(CatalogServiceTest, ReimportingTheSameFileWritesNothing) {
    const int commits = m_work.commits();
    const auto report = m_service.import(m_commune, m_agent, document());
    ASSERT_TRUE(report.has_value());
    EXPECT_FALSE(report->changed);
    EXPECT_EQ(m_work.commits(), commits);
    EXPECT_EQ(m_service.history(m_commune)->size(), 1U);
}

TEST_F(CatalogServiceTest, AnImportUpdatesByCodeKeepsIdsAndRemovesWhatTheFileLeftOut) {
    const Catalog before = *m_service.catalog(m_commune);
    Catalog changed = testing::zone_c_catalog();
    changed.activities[0].unit_price = core::Money::from_cents(230);
    changed.sessions.clear();
    changed.closures.clear();
    const auto report = m_service.import(m_commune, m_agent, read_catalog_file(write_catalog_file(changed)));
    ASSERT_TRUE(report.has_value());
    EXPECT_TRUE(report->changed);
    EXPECT_EQ(report->updated, 1);
    EXPECT_EQ(report->removed, 2);
    const Catalog after = *m_service.catalog(m_commune);
    EXPECT_EQ(after.activity_by_code("apps-matin")->id, before.activity_by_code("apps-matin")->id);
    EXPECT_EQ(after.activity_by_code("apps-matin")->unit_price, core::Money::from_cents(230));
    EXPECT_TRUE(after.sessions.empty());
}

TEST_F(CatalogServiceTest, AnAgentClosesADayAndReopensIt) {
    FieldErrors errors;
    const auto id = m_service.add_closure(m_commune, m_agent, {"11/05/2026", "mercredi", "", "Grève"}, errors);
    ASSERT_TRUE(id.has_value());
    ASSERT_TRUE(errors.empty());
    const Catalog catalog = *m_service.catalog(m_commune);
    ASSERT_EQ(catalog.closures.size(), 2U);
    const Closure* added = catalog.closures[0].id == *id ? &catalog.closures[0] : &catalog.closures[1];
    EXPECT_EQ(added->day, *core::CivilDate::parse_iso("2026-05-11"));
    EXPECT_EQ(added->activity, catalog.activity_by_code("mercredi")->id);
    EXPECT_FALSE(added->site.has_value());
    EXPECT_FALSE(m_service.remove_closure(m_other, m_agent, *id).has_value());
    ASSERT_TRUE(m_service.remove_closure(m_commune, m_agent, *id).has_value());
    EXPECT_EQ(m_service.catalog(m_commune)->closures.size(), 1U);
    const auto history = *m_service.history(m_commune);
    EXPECT_EQ(history.at(1).kind, "closure_added");
    EXPECT_EQ(history.at(1).actor, m_agent);
    EXPECT_EQ(history.at(2).kind, "closure_removed");
}

TEST_F(CatalogServiceTest, BadClosureInputNamesEachFieldAndChangesNothing) {
    const int commits = m_work.commits();
    FieldErrors errors;
    ASSERT_TRUE(m_service.add_closure(m_commune, m_agent, {"31/02/2026", "piscine", "nowhere", " "}, errors));
    ASSERT_EQ(errors.size(), 4U);
    EXPECT_EQ(errors[0].field, "day");
    EXPECT_EQ(errors[1].field, "activity");
    EXPECT_EQ(errors[2].field, "site");
    EXPECT_EQ(errors[3].field, "reason");
    EXPECT_EQ(m_work.commits(), commits);
}

TEST_F(CatalogServiceTest, AnAgentCreatesThenUpdatesAHolidaySession) {
    SessionInput input{"toussaint-2026-s1",
                       "Vacances de la Toussaint 2026 — semaine 1",
                       "vacances",
                       "2026-10-19",
                       "23/10/2026",
                       {{"centre-de-loisirs", "40"}},
                       {}};
    FieldErrors errors;
    const auto id = m_service.save_session(m_commune, m_agent, std::nullopt, input, errors);
    ASSERT_TRUE(id.has_value());
    ASSERT_TRUE(errors.empty());
    input.sites[0].second = "56";
    ASSERT_TRUE(m_service.save_session(m_commune, m_agent, *id, input, errors).has_value());
    const Catalog catalog = *m_service.catalog(m_commune);
    const HolidaySession* session = catalog.session_by_code("toussaint-2026-s1");
    ASSERT_NE(session, nullptr);
    EXPECT_EQ(session->id, *id);
    EXPECT_EQ(session->last_day, *core::CivilDate::parse_iso("2026-10-23"));
    EXPECT_EQ(session->capacity_at(catalog.site_by_code("centre-de-loisirs")->id), 56);
    EXPECT_EQ(session->weekdays, Weekdays::monday_to_friday());
}

TEST_F(CatalogServiceTest, BadSessionInputNamesEachFieldAndChangesNothing) {
    const int commits = m_work.commits();
    const struct {
        SessionInput input;
        std::string field;
    } cases[] = {
        {{"toussaint-2025-s1", "Doublon", "vacances", "2026-10-19", "2026-10-23", {{"centre-de-loisirs", "40"}}, {}},
         "code"},
        {{"s2", "Semaine", "mercredi", "2026-10-19", "2026-10-23", {{"centre-de-loisirs", "40"}}, {}}, "activity"},
        {{"s2", "Semaine", "vacances", "2026-10-23", "2026-10-19", {{"centre-de-loisirs", "40"}}, {}}, "last_day"},
        {{"s2", "Semaine", "vacances", "19/10/26", "2026-10-23", {{"centre-de-loisirs", "40"}}, {}}, "first_day"},
        {{"s2", "Semaine", "vacances", "2026-10-19", "2026-10-23", {{"piscine", "40"}}, {}}, "site"},
        {{"s2", "Semaine", "vacances", "2026-10-19", "2026-10-23", {{"centre-de-loisirs", "0"}}, {}}, "capacity"},
    };
    for (const auto& c : cases) {
        FieldErrors errors;
        ASSERT_TRUE(m_service.save_session(m_commune, m_agent, std::nullopt, c.input, errors).has_value());
        ASSERT_EQ(errors.size(), 1U) << c.field;
        EXPECT_EQ(errors[0].field, c.field);
    }
    FieldErrors errors;
    EXPECT_FALSE(m_service.save_session(m_other, m_agent, core::HolidaySessionId{1}, cases[0].input, errors));
    EXPECT_EQ(m_work.commits(), commits);
}

}  // namespace
}  // namespace guichet::catalog

namespace guichet::catalog {
namespace {

TEST_F(CatalogServiceTest, AnAgentChangesASettingWithAHistoryLineAndTheFileCarriesIt) {
    FieldErrors errors;
    ASSERT_TRUE(m_service.change_settings(m_commune, m_agent, {{"offer_hours", 12}}, errors));
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(m_service.catalog(m_commune)->settings.get("offer_hours"), 12);
    EXPECT_EQ(m_service.catalog(m_other)->settings.get("offer_hours"), 24);
    const auto history = *m_service.history(m_commune);
    EXPECT_EQ(history.back().kind, "settings_changed");
    EXPECT_EQ(history.back().detail, "offer_hours=12");
    EXPECT_NE(m_service.export_file(m_commune)->find("\"offer_hours\": 12"), std::string::npos);

    // The same value again writes nothing; back to the default is a change.
    const int commits = m_work.commits();
    ASSERT_TRUE(m_service.change_settings(m_commune, m_agent, {{"offer_hours", 12}}, errors));
    EXPECT_EQ(m_service.history(m_commune)->size(), history.size());
    ASSERT_TRUE(m_service.change_settings(m_commune, m_agent, {{"offer_hours", std::nullopt}}, errors));
    EXPECT_EQ(m_service.catalog(m_commune)->settings.get("offer_hours"), 24);
    EXPECT_EQ(m_service.export_file(m_commune)->find("settings"), std::string::npos);
    EXPECT_GT(m_work.commits(), commits);
}

TEST_F(CatalogServiceTest, ASettingOutOfBoundsOrUnknownIsRefusedByNameAndNothingChanges) {
    FieldErrors errors;
    const auto refused = m_service.change_settings(m_commune, m_agent,
                                                   {{"offer_hours", 12}, {"certificate_days", 0}, {"nope", 1}}, errors);
    EXPECT_FALSE(refused);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(errors[0].field, "certificate_days");
    EXPECT_EQ(errors[0].message_key, "err_setting_range");
    EXPECT_EQ(errors[1].field, "nope");
    EXPECT_EQ(m_service.catalog(m_commune)->settings.get("offer_hours"), 24);
}

}  // namespace
}  // namespace guichet::catalog
