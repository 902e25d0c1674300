// Reading a commune's whole catalogue (one query per table, rows attached to their parents in memory) and its history.
#include <map>

#include "catalog/catalog_file.h"
#include "storage/catalog/catalog_columns.h"
#include "storage/catalog/sql_catalog_store.h"
#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using namespace catalog;
using namespace catalog_columns;

struct SiteRow {
    long long id = 0, commune = 0;
    std::string code, name, kind, street, postcode, town;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        for (std::string* column : {&code, &name, &kind, &street, &postcode, &town})
            s.exchange(soci::into(*column));
    }
    [[nodiscard]] Site value() const {
        return {core::SiteId{id},
                core::CommuneId{commune},
                code,
                name,
                site_kind_from_name(kind).value_or(SiteKind::school),
                {street, postcode, town}};
    }
};

struct ActivityRow {
    long long id = 0, commune = 0, min_age = 0, max_age = 0, price = 0, validation = 0;
    soci::indicator min_indicator = soci::i_null, max_indicator = soci::i_null;
    std::string code, name, description, kind, weekdays, class_levels, tariff, rules;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        for (std::string* column : {&code, &name, &description, &kind, &weekdays, &class_levels})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(min_age, min_indicator));
        s.exchange(soci::into(max_age, max_indicator));
        s.exchange(soci::into(tariff));
        s.exchange(soci::into(price));
        s.exchange(soci::into(validation));
        s.exchange(soci::into(rules));
    }
    [[nodiscard]] Activity value() const {
        Activity activity;
        activity.id = core::ActivityId{id};
        activity.commune = core::CommuneId{commune};
        activity.code = code;
        activity.name = name;
        activity.description = description;
        activity.kind = activity_kind_from_name(kind).value_or(ActivityKind::school_time);
        activity.weekdays = weekdays_of(weekdays);
        for (const auto& level : split(class_levels)) {
            if (const auto parsed = family::class_from_name(level))
                activity.eligibility.class_levels.insert(*parsed);
        }
        if (min_indicator == soci::i_ok)
            activity.eligibility.min_age = static_cast<int>(min_age);
        if (max_indicator == soci::i_ok)
            activity.eligibility.max_age = static_cast<int>(max_age);
        activity.tariff_category = tariff;
        activity.unit_price = core::Money::from_cents(price);
        activity.needs_validation = validation != 0;
        // The column holds what write_rules wrote; a row that does not read back keeps the default rules, which
        // the catalogue page would show (never happens short of a hand-edited database).
        activity.rules = read_rules(rules, activity.kind).value_or(ActivityRules{});
        return activity;
    }
};

// A (parent, site, capacity) row: an activity's or a session's places at a site.
struct PlaceRow {
    long long owner = 0, site = 0, capacity = 0;

    void bind(soci::statement& s) {
        s.exchange(soci::into(owner));
        s.exchange(soci::into(site));
        s.exchange(soci::into(capacity));
    }
    [[nodiscard]] PlaceRow value() const { return *this; }
};

struct YearRow {
    long long id = 0, commune = 0, rentree_tbc = 0, last_tbc = 0;
    std::string label, rentree, last_day;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(label));
        s.exchange(soci::into(rentree));
        s.exchange(soci::into(rentree_tbc));
        s.exchange(soci::into(last_day));
        s.exchange(soci::into(last_tbc));
    }
    [[nodiscard]] SchoolYear value() const {
        SchoolYear year;
        year.id = core::SchoolYearId{id};
        year.commune = core::CommuneId{commune};
        year.label = label;
        year.rentree = {date_of(rentree), rentree_tbc != 0};
        year.last_day = {date_of(last_day), last_tbc != 0};
        return year;
    }
};

struct HolidayRow {
    long long year = 0, first_tbc = 0, resume_tbc = 0;
    std::string name, first, resume;

    void bind(soci::statement& s) {
        s.exchange(soci::into(year));
        s.exchange(soci::into(name));
        s.exchange(soci::into(first));
        s.exchange(soci::into(first_tbc));
        s.exchange(soci::into(resume));
        s.exchange(soci::into(resume_tbc));
    }
    [[nodiscard]] std::pair<long long, SchoolHoliday> value() const {
        return {year, {name, {date_of(first), first_tbc != 0}, {date_of(resume), resume_tbc != 0}}};
    }
};

struct DayOffRow {
    long long year = 0, tbc = 0;
    std::string day, reason;

    void bind(soci::statement& s) {
        s.exchange(soci::into(year));
        s.exchange(soci::into(day));
        s.exchange(soci::into(tbc));
        s.exchange(soci::into(reason));
    }
    [[nodiscard]] std::pair<long long, DayWithoutSchool> value() const {
        return {year, {{date_of(day), tbc != 0}, reason}};
    }
};

struct SessionRow {
    long long id = 0, commune = 0, activity = 0;
    std::string code, name, first, last, weekdays;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(code));
        s.exchange(soci::into(name));
        s.exchange(soci::into(activity));
        for (std::string* column : {&first, &last, &weekdays})
            s.exchange(soci::into(*column));
    }
    [[nodiscard]] HolidaySession value() const {
        HolidaySession session;
        session.id = core::HolidaySessionId{id};
        session.commune = core::CommuneId{commune};
        session.code = code;
        session.name = name;
        session.activity = core::ActivityId{activity};
        session.first_day = date_of(first);
        session.last_day = date_of(last);
        session.weekdays = weekdays_of(weekdays);
        return session;
    }
};

struct ClosureRow {
    long long id = 0, commune = 0, activity = 0, site = 0;
    soci::indicator activity_indicator = soci::i_null, site_indicator = soci::i_null;
    std::string day, reason;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(day));
        s.exchange(soci::into(activity, activity_indicator));
        s.exchange(soci::into(site, site_indicator));
        s.exchange(soci::into(reason));
    }
    [[nodiscard]] Closure value() const {
        Closure closure;
        closure.id = core::ClosureId{id};
        closure.commune = core::CommuneId{commune};
        closure.day = date_of(day);
        if (activity_indicator == soci::i_ok)
            closure.activity = core::ActivityId{activity};
        if (site_indicator == soci::i_ok)
            closure.site = core::SiteId{site};
        closure.reason = reason;
        return closure;
    }
};

struct EventRow {
    long long commune = 0, actor = 0, at = 0;
    soci::indicator actor_indicator = soci::i_null;
    std::string kind, detail;

    void bind(soci::statement& s) {
        s.exchange(soci::into(commune));
        s.exchange(soci::into(actor, actor_indicator));
        s.exchange(soci::into(kind));
        s.exchange(soci::into(detail));
        s.exchange(soci::into(at));
    }
    [[nodiscard]] CatalogEvent value() const {
        CatalogEvent event;
        event.commune = core::CommuneId{commune};
        if (actor_indicator == soci::i_ok)
            event.actor = core::AccountId{actor};
        event.kind = kind;
        event.detail = detail;
        event.at = from_micros(at);
        return event;
    }
};

struct SettingRow {
    std::string name;
    long long number = 0;

    void bind(soci::statement& s) {
        s.exchange(soci::into(name));
        s.exchange(soci::into(number));
    }
    [[nodiscard]] std::pair<std::string, long long> value() const { return {name, number}; }
};

template <class Row>
auto of_commune(soci::session& session, const std::string& sql, core::CommuneId commune) {
    long long c = commune.value();
    return query_rows<Row>(session, sql, [&](soci::statement& s) { s.exchange(soci::use(c)); });
}

}  // namespace

core::Result<Catalog> SqlCatalogStore::load(core::CommuneId commune) {
    Catalog catalog;
    catalog.sites = of_commune<SiteRow>(
        m_session,
        "SELECT id, commune_id, code, name, kind, street, postcode, town FROM catalog_site WHERE commune_id = :c "
        "ORDER BY code",
        commune);
    catalog.activities = of_commune<ActivityRow>(
        m_session,
        "SELECT id, commune_id, code, name, description, kind, weekdays, class_levels, min_age, max_age, "
        "tariff_category, unit_price_cents, needs_validation, rules FROM catalog_activity WHERE commune_id = :c "
        "ORDER BY code",
        commune);
    std::map<long long, Activity*> activities;
    for (auto& activity : catalog.activities)
        activities.emplace(activity.id.value(), &activity);
    for (const auto& row : of_commune<PlaceRow>(m_session,
                                                "SELECT activity_id, site_id, capacity FROM catalog_activity_site "
                                                "WHERE commune_id = :c ORDER BY activity_id, site_id",
                                                commune)) {
        if (const auto found = activities.find(row.owner); found != activities.end())
            found->second->sites.push_back({core::SiteId{row.site}, static_cast<int>(row.capacity)});
    }
    catalog.school_years = of_commune<YearRow>(m_session,
                                               "SELECT id, commune_id, label, rentree, rentree_tbc, last_day, "
                                               "last_day_tbc FROM school_year WHERE commune_id = :c ORDER BY label",
                                               commune);
    std::map<long long, SchoolYear*> years;
    for (auto& year : catalog.school_years)
        years.emplace(year.id.value(), &year);
    for (auto& [year, holiday] : of_commune<HolidayRow>(
             m_session,
             "SELECT school_year_id, name, first_day_off, first_day_off_tbc, resume_day, resume_day_tbc FROM "
             "school_holiday WHERE commune_id = :c ORDER BY school_year_id, first_day_off, id",
             commune)) {
        if (const auto found = years.find(year); found != years.end())
            found->second->holidays.push_back(std::move(holiday));
    }
    for (auto& [year, day] : of_commune<DayOffRow>(m_session,
                                                   "SELECT school_year_id, day, day_tbc, reason FROM school_day_off "
                                                   "WHERE commune_id = :c ORDER BY school_year_id, day, id",
                                                   commune)) {
        if (const auto found = years.find(year); found != years.end())
            found->second->days_without_school.push_back(std::move(day));
    }
    catalog.sessions = of_commune<SessionRow>(m_session,
                                              "SELECT id, commune_id, code, name, activity_id, first_day, last_day, "
                                              "weekdays FROM holiday_session WHERE commune_id = :c ORDER BY code",
                                              commune);
    std::map<long long, HolidaySession*> sessions;
    for (auto& session : catalog.sessions)
        sessions.emplace(session.id.value(), &session);
    for (const auto& row : of_commune<PlaceRow>(m_session,
                                                "SELECT session_id, site_id, capacity FROM holiday_session_site "
                                                "WHERE commune_id = :c ORDER BY session_id, site_id",
                                                commune)) {
        if (const auto found = sessions.find(row.owner); found != sessions.end())
            found->second->sites.push_back({core::SiteId{row.site}, static_cast<int>(row.capacity)});
    }
    catalog.closures = of_commune<ClosureRow>(m_session,
                                              "SELECT id, commune_id, day, activity_id, site_id, reason FROM "
                                              "service_closure WHERE commune_id = :c ORDER BY day, id",
                                              commune);
    // A setting the code no longer knows, or a value outside today's bounds, falls back to the default.
    for (const auto& row : of_commune<SettingRow>(
             m_session, "SELECT name, value FROM catalog_setting WHERE commune_id = :c ORDER BY name", commune))
        (void)catalog.settings.set(row.first, static_cast<int>(row.second));
    return catalog;
}

core::Result<std::vector<CatalogEvent>> SqlCatalogStore::history(core::CommuneId commune) {
    return of_commune<EventRow>(
        m_session,
        "SELECT commune_id, actor_id, kind, detail, at_us FROM catalog_event WHERE commune_id = :c ORDER BY id",
        commune);
}

}  // namespace guichet::storage
