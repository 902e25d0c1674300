#include "catalog/service_calendar.h"

#include <gtest/gtest.h>

#include "catalog/test_catalog.h"

namespace guichet::catalog {
namespace {

core::CivilDate day(const char* iso) {
    return *core::CivilDate::parse_iso(iso);
}

const core::ActivityId kMatin{1}, kMercredi{2}, kVacances{3};
const core::SiteId kSalengro{1}, kEluard{2}, kCentre{3};

struct Case {
    const char* what;
    core::ActivityId activity;
    core::SiteId site;
    const char* day;
    std::optional<NoService> reason;  // nothing: open
};

TEST(ServiceCalendar, SaysWhichDaysEachActivityRunsOnThe2025To2026CalendarOfZoneC) {
    const Catalog catalog = testing::zone_c_catalog();
    const ServiceCalendar calendar(catalog);
    const Case cases[] = {
        {"the rentrée, a Monday", kMatin, kSalengro, "2025-09-01", std::nullopt},
        {"the Friday before the rentrée", kMatin, kSalengro, "2025-08-29", NoService::outside_school_year},
        {"a Wednesday for the APPS", kMatin, kSalengro, "2025-09-03", NoService::not_an_opening_day},
        {"a Wednesday for the mercredi", kMercredi, kCentre, "2025-09-03", std::nullopt},
        {"a Tuesday for the mercredi", kMercredi, kCentre, "2025-09-02", NoService::not_an_opening_day},
        {"a Saturday", kMatin, kSalengro, "2025-09-06", NoService::weekend},
        {"the first Saturday of the Toussaint", kMatin, kSalengro, "2025-10-18", NoService::weekend},
        {"a Monday of the Toussaint", kMatin, kSalengro, "2025-10-20", NoService::school_holiday},
        {"a Wednesday of the Toussaint for the mercredi", kMercredi, kCentre, "2025-10-22", NoService::school_holiday},
        {"the day classes resume after the Toussaint", kMatin, kSalengro, "2025-11-03", std::nullopt},
        {"11 November", kMatin, kSalengro, "2025-11-11", NoService::public_holiday},
        {"the last Friday before Christmas holidays", kMatin, kSalengro, "2025-12-19", std::nullopt},
        {"2 January", kMatin, kSalengro, "2026-01-02", NoService::school_holiday},
        {"the day classes resume after Christmas", kMatin, kEluard, "2026-01-05", std::nullopt},
        {"a Monday of the winter holidays", kMatin, kSalengro, "2026-02-23", NoService::school_holiday},
        {"the day classes resume after winter", kMatin, kSalengro, "2026-03-09", std::nullopt},
        {"the closed day at the closed site", kMatin, kSalengro, "2026-03-12", NoService::closure},
        {"the closed day at another school", kMatin, kEluard, "2026-03-12", std::nullopt},
        {"Easter Monday 2026", kMatin, kSalengro, "2026-04-06", NoService::public_holiday},
        {"a Wednesday of the spring holidays", kMercredi, kCentre, "2026-04-22", NoService::school_holiday},
        {"1 May", kMatin, kSalengro, "2026-05-01", NoService::public_holiday},
        {"the day classes resume after spring", kMatin, kSalengro, "2026-05-04", std::nullopt},
        {"8 May", kMatin, kSalengro, "2026-05-08", NoService::public_holiday},
        {"the Wednesday before Ascension", kMercredi, kCentre, "2026-05-13", std::nullopt},
        {"Ascension 2026", kMatin, kSalengro, "2026-05-14", NoService::public_holiday},
        {"the pont de l'Ascension", kMatin, kSalengro, "2026-05-15", NoService::no_school_day},
        {"Whit Monday 2026", kMatin, kSalengro, "2026-05-25", NoService::public_holiday},
        {"the last school day", kMatin, kSalengro, "2026-07-03", std::nullopt},
        {"the first Monday of the summer", kMatin, kSalengro, "2026-07-06", NoService::outside_school_year},
        {"the APPS at the centre de loisirs", kMatin, kCentre, "2025-09-01", NoService::site_not_served},
        {"a day of the Toussaint session", kVacances, kCentre, "2025-10-20", std::nullopt},
        {"the last day of the Toussaint session", kVacances, kCentre, "2025-10-24", std::nullopt},
        {"the Toussaint session at a school", kVacances, kSalengro, "2025-10-21", NoService::site_not_served},
        {"the second week of the Toussaint, no session", kVacances, kCentre, "2025-10-27", NoService::no_session},
        {"a Saturday inside the session's weeks", kVacances, kCentre, "2025-10-25", NoService::weekend},
        {"a school day for the holiday activity", kVacances, kCentre, "2025-11-04", NoService::no_session},
        {"an unknown activity", core::ActivityId{99}, kCentre, "2025-10-20", NoService::site_not_served},
    };
    for (const auto& c : cases) {
        const Opening answer = calendar.opening(c.activity, c.site, day(c.day));
        EXPECT_EQ(answer.open, !c.reason.has_value()) << c.what;
        EXPECT_EQ(answer.reason, c.reason)
            << c.what << ": " << (answer.reason ? no_service_name(*answer.reason) : "open");
    }
}

TEST(ServiceCalendar, AHolidayDayBelongsToItsSession) {
    const Catalog catalog = testing::zone_c_catalog();
    const ServiceCalendar calendar(catalog);
    EXPECT_EQ(calendar.opening(kVacances, kCentre, day("2025-10-22")).session, core::HolidaySessionId{1});
    EXPECT_FALSE(calendar.opening(kMatin, kSalengro, day("2025-09-02")).session.has_value());
}

TEST(ServiceCalendar, ASessionOpensOnItsOwnWeekdaysOnly) {
    Catalog catalog = testing::zone_c_catalog();
    catalog.sessions[0].weekdays = {core::Weekday::monday, core::Weekday::tuesday};
    const ServiceCalendar calendar(catalog);
    EXPECT_TRUE(calendar.opening(kVacances, kCentre, day("2025-10-21")).open);
    EXPECT_EQ(calendar.opening(kVacances, kCentre, day("2025-10-22")).reason, NoService::not_an_opening_day);
}

TEST(ServiceCalendar, AClosureWithoutActivityOrSiteClosesEverything) {
    Catalog catalog = testing::zone_c_catalog();
    catalog.closures.push_back(
        {core::ClosureId{2}, core::CommuneId{1}, day("2025-10-21"), std::nullopt, std::nullopt, "Grève"});
    const ServiceCalendar calendar(catalog);
    EXPECT_EQ(calendar.opening(kVacances, kCentre, day("2025-10-21")).reason, NoService::closure);
    EXPECT_EQ(calendar.capacity(kVacances, kCentre, day("2025-10-21")), 0);
}

TEST(ServiceCalendar, CapacityIsTheActivitysOrTheSessionsPlacesAtTheSiteOnAnOpenDay) {
    const Catalog catalog = testing::zone_c_catalog();
    const ServiceCalendar calendar(catalog);
    EXPECT_EQ(calendar.capacity(kMatin, kSalengro, day("2025-09-01")), 60);
    EXPECT_EQ(calendar.capacity(kMatin, kEluard, day("2025-09-01")), 40);
    EXPECT_EQ(calendar.capacity(kMatin, kSalengro, day("2025-10-20")), 0);
    EXPECT_EQ(calendar.capacity(kVacances, kCentre, day("2025-10-20")), 48);
    EXPECT_EQ(calendar.capacity(kVacances, kCentre, day("2025-10-27")), 0);
}

TEST(ServiceCalendar, TheSchoolYearOfADayRunsFromTheRentreeToTheLastSchoolDay) {
    const Catalog catalog = testing::zone_c_catalog();
    const ServiceCalendar calendar(catalog);
    const struct {
        const char* day;
        bool inside;
    } cases[] = {{"2025-08-31", false}, {"2025-09-01", true},  {"2025-10-22", true},
                 {"2026-07-03", true},  {"2026-07-04", false}, {"2026-08-15", false}};
    for (const auto& c : cases) {
        const SchoolYear* year = calendar.school_year_of(day(c.day));
        EXPECT_EQ(year != nullptr, c.inside) << c.day;
        if (year != nullptr) {
            EXPECT_EQ(year->label, "2025-2026");
        }
    }
}

}  // namespace
}  // namespace guichet::catalog
