#include "app/demo_catalog.h"

#include <gtest/gtest.h>

#include "catalog/catalog_file.h"
#include "catalog/service_calendar.h"

namespace guichet::app {
namespace {

using namespace catalog;

core::CivilDate day(const char* iso) {
    return *core::CivilDate::parse_iso(iso);
}

TEST(DemoCatalog, TheShippedFileIsValidAndCanonical) {
    const CatalogDocument document = read_catalog_file(demo_catalog_text());
    ASSERT_TRUE(document.valid()) << document.errors.front().path << " " << document.errors.front().error.key;
    EXPECT_EQ(write_catalog_file(document.catalog), demo_catalog_text());
}

TEST(DemoCatalog, HoldsTheGuidesActivitiesAndRules) {
    const Catalog catalog = read_catalog_file(demo_catalog_text()).catalog;
    for (const char* code : {"apps-matin", "apps-soir", "tram", "mercredi"}) {
        const Activity* activity = catalog.activity_by_code(code);
        ASSERT_NE(activity, nullptr) << code;
        const auto& booking = activity->rules.booking;
        EXPECT_EQ(booking.on_time, (Deadline{14, *core::LocalTime::from_hms(23, 59, 59), DayCounting::calendar}));
        EXPECT_EQ(booking.cutoff.days, 1) << code;
        EXPECT_EQ(booking.late_surcharge, Surcharge(PercentSurcharge{50})) << code;
        EXPECT_EQ(booking.rentree_window, (BookingRule::MonthDay{9, 30})) << code;
        EXPECT_EQ(activity->rules.cancellation.free_until, booking.on_time) << code;
        EXPECT_TRUE(activity->rules.cancellation.late_cancellation_billed) << code;
    }
    const Activity* vacances = catalog.activity_by_code("vacances");
    ASSERT_NE(vacances, nullptr);
    EXPECT_EQ(vacances->kind, ActivityKind::holiday_session);
    EXPECT_EQ(vacances->rules.booking.on_time.days, 28);
    EXPECT_FALSE(vacances->rules.booking.rentree_window.has_value());
    EXPECT_EQ(catalog.activity_by_code("tram")->unit_price, core::Money::from_cents(420));
    EXPECT_FALSE(catalog.school_year_by_label("2025-2026")->has_dates_to_confirm());
    EXPECT_TRUE(catalog.school_year_by_label("2026-2027")->has_dates_to_confirm());
    EXPECT_FALSE(catalog.school_year_by_label("2026-2027")->rentree.to_be_confirmed);
}

TEST(DemoCatalog, ItsCalendarOpensOnTheRightDays) {
    const Catalog catalog = read_catalog_file(demo_catalog_text()).catalog;
    const ServiceCalendar calendar(catalog);
    const auto tram = catalog.activity_by_code("tram")->id;
    const auto vacances = catalog.activity_by_code("vacances")->id;
    const auto school = catalog.site_by_code("ecole-victor-hugo")->id;
    const auto centre = catalog.site_by_code("centre-de-loisirs-les-vignes")->id;
    EXPECT_TRUE(calendar.opening(tram, school, day("2026-09-01")).open);
    EXPECT_EQ(calendar.opening(tram, school, day("2026-08-31")).reason, NoService::outside_school_year);
    EXPECT_EQ(calendar.opening(tram, school, day("2026-10-19")).reason, NoService::school_holiday);
    const Opening toussaint = calendar.opening(vacances, centre, day("2026-10-19"));
    ASSERT_TRUE(toussaint.open);
    EXPECT_EQ(catalog.session(*toussaint.session)->code, "toussaint-2026-s1");
    EXPECT_EQ(calendar.opening(vacances, centre, day("2026-12-25")).reason, NoService::public_holiday);
    EXPECT_EQ(calendar.opening(vacances, centre, day("2027-07-14")).reason, NoService::public_holiday);
    EXPECT_EQ(calendar.capacity(vacances, centre, day("2027-07-15")), 96);
}

}  // namespace
}  // namespace guichet::app
