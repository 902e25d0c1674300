#include "catalog/catalog_file.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/test_catalog.h"

namespace guichet::catalog {
namespace {

std::vector<std::string> paths(const CatalogDocument& document) {
    std::vector<std::string> result;
    for (const auto& fault : document.errors)
        result.push_back(fault.path + " " + fault.error.key);
    return result;
}

TEST(CatalogFile, ACatalogWrittenAndReadBackIsWrittenTheSame) {
    const std::string text = write_catalog_file(testing::zone_c_catalog());
    const CatalogDocument document = read_catalog_file(text);
    ASSERT_TRUE(document.valid()) << ::testing::PrintToString(paths(document));
    EXPECT_EQ(write_catalog_file(document.catalog), text);
    EXPECT_EQ(document.catalog.sites.size(), 3U);
    EXPECT_EQ(document.catalog.activities.size(), 3U);
    const Activity* vacances = document.catalog.activity_by_code("vacances");
    ASSERT_NE(vacances, nullptr);
    EXPECT_FALSE(vacances->rules.booking.rentree_window.has_value());
    EXPECT_EQ(vacances->rules.booking.on_time.days, 28);
    EXPECT_EQ(document.catalog.sessions.at(0).activity, vacances->id);
}

TEST(CatalogFile, AnExportDoesNotDependOnIdsOrOrder) {
    Catalog catalog = testing::zone_c_catalog();
    const std::string text = write_catalog_file(catalog);
    std::reverse(catalog.sites.begin(), catalog.sites.end());
    std::reverse(catalog.activities.begin(), catalog.activities.end());
    EXPECT_EQ(write_catalog_file(catalog), text);
}

TEST(CatalogFile, ADateToBeConfirmedIsAnObjectWithItsFlag) {
    Catalog catalog = testing::zone_c_catalog();
    catalog.school_years[0].holidays[1].first_day_off.to_be_confirmed = true;
    const auto json = nlohmann::json::parse(write_catalog_file(catalog));
    EXPECT_EQ(json["school_years"][0]["holidays"][1]["first_day_off"],
              (nlohmann::json{{"date", "2025-12-20"}, {"to_be_confirmed", true}}));
    EXPECT_EQ(json["school_years"][0]["holidays"][1]["resume_day"], "2026-01-05");
    const CatalogDocument document = read_catalog_file(json.dump());
    ASSERT_TRUE(document.valid());
    EXPECT_TRUE(document.catalog.school_years[0].has_dates_to_confirm());
}

TEST(CatalogFile, EveryFaultIsReportedWithItsPath) {
    auto json = nlohmann::json::parse(write_catalog_file(testing::zone_c_catalog()));
    json["activities"][1]["rules"]["booking"]["on_time"]["days"] = -3;
    json["activities"][0]["code"] = "APPS Matin";
    json["activities"][2]["sites"][0]["site"] = "ecole-inconnue";
    json["activities"][2]["colour"] = "blue";
    json["sites"][1]["address"]["postcode"] = "785";
    json["school_years"][0]["last_day"] = "2025-08-01";
    json["school_years"][0]["holidays"][0]["resume_day"] = "2025-02-30";
    json["sessions"][0]["last_day"] = "2025-10-19";
    json["closures"][0]["site"] = "nowhere";
    const CatalogDocument document = read_catalog_file(json.dump());
    const std::vector<std::string> expected = {
        "$.sites[1].address.postcode err_catalog_postcode",
        "$.activities[0].code err_catalog_code",
        "$.activities[1].rules.booking.on_time.days err_catalog_range",
        "$.activities[2].colour err_catalog_unknown_field",
        "$.activities[2].sites[0].site err_catalog_unknown_site",
        "$.school_years[0].last_day err_catalog_date_order",
        "$.school_years[0].holidays[0].resume_day err_catalog_date",
        "$.sessions[0].last_day err_catalog_date_order",
        "$.closures[0].activity err_catalog_unknown_activity",  // "apps-matin" is no longer a valid entry
        "$.closures[0].site err_catalog_unknown_site",
    };
    EXPECT_EQ(paths(document), expected);
}

TEST(CatalogFile, TextThatIsNotJsonIsOneErrorAtTheRoot) {
    const CatalogDocument document = read_catalog_file("{\"sites\": [");
    EXPECT_EQ(paths(document), std::vector<std::string>{"$ err_catalog_json"});
}

TEST(CatalogFile, MissingListsAndWrongTypesAreNamed) {
    const CatalogDocument document = read_catalog_file(R"({"format": "guichet-catalog", "version": 2,
        "sites": {}, "activities": []})");
    const std::vector<std::string> expected = {"$.version err_catalog_range", "$.sites err_catalog_type",
                                               "$.school_years err_catalog_missing"};
    EXPECT_EQ(paths(document), expected);
}

TEST(CatalogFile, DuplicateCodesAndAHolidayActivitysRentreeWindowAreRefused) {
    auto json = nlohmann::json::parse(write_catalog_file(testing::zone_c_catalog()));
    json["sites"][1]["code"] = json["sites"][0]["code"];
    json["activities"][2]["rules"]["booking"]["rentree_window"] = {{"month", 9}, {"day", 30}};
    json["activities"][0]["rules"]["booking"]["cutoff"]["days"] = 20;
    const CatalogDocument document = read_catalog_file(json.dump());
    const std::vector<std::string> expected = {
        "$.sites[1].code err_catalog_duplicate",
        "$.activities[0].sites[0].site err_catalog_unknown_site",  // ecole-paul-eluard was renamed
        "$.activities[0].rules.booking.cutoff.days err_catalog_cutoff_order",
        "$.activities[2].rules.booking.rentree_window err_catalog_window_holiday",
    };
    EXPECT_EQ(paths(document), expected);
}

}  // namespace
}  // namespace guichet::catalog

namespace guichet::catalog {
namespace {

TEST(CatalogFile, SettingsTravelInTheFileAndABadOneIsNamedByItsPath) {
    Catalog catalog = testing::zone_c_catalog();
    ASSERT_TRUE(catalog.settings.set("offer_hours", 12));
    ASSERT_TRUE(catalog.settings.set("reminder_second_days", 0));
    const std::string text = write_catalog_file(catalog);
    const CatalogDocument document = read_catalog_file(text);
    ASSERT_TRUE(document.valid()) << ::testing::PrintToString(paths(document));
    EXPECT_EQ(document.catalog.settings, catalog.settings);
    EXPECT_EQ(write_catalog_file(document.catalog), text);

    auto json = nlohmann::json::parse(text);
    json["settings"] = {{"offer_hours", 500}, {"unknown_thing", 1}, {"certificate_days", "ten"}};
    const CatalogDocument bad = read_catalog_file(json.dump());
    EXPECT_EQ(paths(bad), (std::vector<std::string>{"$.settings.certificate_days err_catalog_type",
                                                    "$.settings.offer_hours err_catalog_range",
                                                    "$.settings.unknown_thing err_catalog_unknown_field"}));
}

}  // namespace
}  // namespace guichet::catalog
