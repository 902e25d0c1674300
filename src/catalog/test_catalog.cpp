#include "catalog/test_catalog.h"

namespace guichet::catalog::testing {
namespace {

core::CivilDate day(const char* iso) {
    return *core::CivilDate::parse_iso(iso);
}

ActivityRules school_rules() {
    ActivityRules rules;
    const auto end_of_day = *core::LocalTime::from_hms(23, 59, 59);
    rules.booking.on_time = {14, end_of_day, DayCounting::calendar};
    rules.booking.cutoff = {1, end_of_day, DayCounting::calendar};
    rules.booking.late_surcharge = PercentSurcharge{50};
    rules.booking.rentree_window = BookingRule::MonthDay{9, 30};
    rules.cancellation = {{14, end_of_day, DayCounting::calendar}, true};
    return rules;
}

}  // namespace

Catalog zone_c_catalog() {
    using core::Weekday;
    const core::CommuneId commune{1};
    Catalog catalog;
    catalog.sites = {
        {core::SiteId{1},
         commune,
         "ecole-roger-salengro",
         "École Roger Salengro",
         SiteKind::school,
         {"1 rue Roger Salengro", "78570", "Chanteloup-les-Vignes"}},
        {core::SiteId{2},
         commune,
         "ecole-paul-eluard",
         "École Paul Éluard",
         SiteKind::school,
         {"2 rue Paul Éluard", "78570", "Chanteloup-les-Vignes"}},
        {core::SiteId{3},
         commune,
         "centre-de-loisirs",
         "Centre de loisirs",
         SiteKind::centre,
         {"3 avenue des Vignes", "78570", "Chanteloup-les-Vignes"}},
    };
    Activity matin;
    matin.id = core::ActivityId{1};
    matin.commune = commune;
    matin.code = "apps-matin";
    matin.name = "Accueil périscolaire du matin";
    matin.kind = ActivityKind::school_time;
    matin.sites = {{core::SiteId{1}, 60}, {core::SiteId{2}, 40}};
    matin.weekdays = {Weekday::monday, Weekday::tuesday, Weekday::thursday, Weekday::friday};
    matin.tariff_category = "apps";
    matin.unit_price = core::Money::from_cents(210);
    matin.rules = school_rules();
    Activity mercredi = matin;
    mercredi.id = core::ActivityId{2};
    mercredi.code = "mercredi";
    mercredi.name = "Accueil de loisirs du mercredi";
    mercredi.sites = {{core::SiteId{3}, 80}};
    mercredi.weekdays = {Weekday::wednesday};
    mercredi.unit_price = core::Money::from_cents(1200);
    Activity vacances = mercredi;
    vacances.id = core::ActivityId{3};
    vacances.code = "vacances";
    vacances.name = "Accueil de loisirs des vacances";
    vacances.kind = ActivityKind::holiday_session;
    vacances.weekdays = {};
    vacances.rules.booking.on_time.days = 28;
    vacances.rules.booking.rentree_window.reset();
    catalog.activities = {matin, mercredi, vacances};

    SchoolYear year;
    year.id = core::SchoolYearId{1};
    year.commune = commune;
    year.label = "2025-2026";
    year.rentree = {day("2025-09-01")};
    year.last_day = {day("2026-07-03")};
    year.holidays = {
        {"Vacances de la Toussaint", {day("2025-10-18")}, {day("2025-11-03")}},
        {"Vacances de Noël", {day("2025-12-20")}, {day("2026-01-05")}},
        {"Vacances d'hiver", {day("2026-02-21")}, {day("2026-03-09")}},
        {"Vacances de printemps", {day("2026-04-18")}, {day("2026-05-04")}},
    };
    year.days_without_school = {{{day("2026-05-15")}, "Pont de l'Ascension"}};
    catalog.school_years = {year};

    HolidaySession session;
    session.id = core::HolidaySessionId{1};
    session.commune = commune;
    session.code = "toussaint-2025-s1";
    session.name = "Vacances de la Toussaint 2025 — semaine 1";
    session.activity = core::ActivityId{3};
    session.first_day = day("2025-10-20");
    session.last_day = day("2025-10-24");
    session.sites = {{core::SiteId{3}, 48}};
    catalog.sessions = {session};

    catalog.closures = {{core::ClosureId{1}, commune, day("2026-03-12"), core::ActivityId{1}, core::SiteId{1},
                         "Formation des animateurs"}};
    return catalog;
}

}  // namespace guichet::catalog::testing
