#include "storage/catalog/sql_catalog_store.h"

#include <map>

#include "catalog/catalog_file.h"
#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using namespace catalog;

core::Status not_found() {
    return core::fail(core::ErrorCode::not_found, "error_not_found");
}

core::Status in_use() {
    return core::fail(core::ErrorCode::conflict, "err_catalog_in_use");
}

core::CivilDate date_of(const std::string& text) {
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(::date::sys_days{}));
}

std::string join(const std::vector<std::string_view>& parts) {
    std::string result;
    for (const auto part : parts) {
        if (!result.empty())
            result += ',';
        result += part;
    }
    return result;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto comma = text.find(',', start);
        const auto end = comma == std::string::npos ? text.size() : comma;
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string weekdays_text(const Weekdays& days) {
    std::vector<std::string_view> parts;
    for (const auto day : days.days())
        parts.push_back(weekday_code(day));
    return join(parts);
}

Weekdays weekdays_of(const std::string& text) {
    Weekdays days;
    for (const auto& part : split(text)) {
        if (const auto day = weekday_from_code(part))
            days.add(*day);
    }
    return days;
}

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
    return catalog;
}

core::Status SqlCatalogStore::changed_one(soci::statement& statement) {
    statement.execute(true);
    if (statement.get_affected_rows() != 1)
        return not_found();
    return {};
}

core::Result<bool> SqlCatalogStore::owns(const char* table, core::CommuneId commune, long long id) {
    long long c = commune.value(), count = 0;
    m_session << "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = :id AND commune_id = :c", soci::use(id),
        soci::use(c), soci::into(count);
    return count == 1;
}

core::Result<core::SiteId> SqlCatalogStore::insert_site(const Site& site) {
    long long commune = site.commune.value(), id = 0;
    const std::string kind(site_kind_name(site.kind));
    m_session << "INSERT INTO catalog_site (commune_id, code, name, kind, street, postcode, town) VALUES (:c, :code, "
                 ":name, :kind, :street, :postcode, :town) RETURNING id",
        soci::use(commune), soci::use(site.code), soci::use(site.name), soci::use(kind), soci::use(site.address.street),
        soci::use(site.address.postcode), soci::use(site.address.town), soci::into(id);
    return core::SiteId{id};
}

core::Status SqlCatalogStore::update_site(const Site& site) {
    long long commune = site.commune.value(), id = site.id.value();
    const std::string kind(site_kind_name(site.kind));
    soci::statement statement =
        (m_session.prepare << "UPDATE catalog_site SET code = :code, name = :name, kind = :kind, street = :street, "
                              "postcode = :postcode, town = :town WHERE id = :id AND commune_id = :c",
         soci::use(site.code), soci::use(site.name), soci::use(kind), soci::use(site.address.street),
         soci::use(site.address.postcode), soci::use(site.address.town), soci::use(id), soci::use(commune));
    return changed_one(statement);
}

core::Status SqlCatalogStore::delete_site(core::CommuneId commune, core::SiteId site) {
    long long c = commune.value(), id = site.value(), uses = 0;
    GUICHET_TRY(mine, owns("catalog_site", commune, id));
    if (!mine)
        return not_found();
    m_session << "SELECT (SELECT COUNT(*) FROM catalog_activity_site WHERE site_id = :a) + (SELECT COUNT(*) FROM "
                 "holiday_session_site WHERE site_id = :b) + (SELECT COUNT(*) FROM service_closure WHERE site_id = :d)",
        soci::use(id), soci::use(id), soci::use(id), soci::into(uses);
    if (uses > 0)
        return in_use();
    soci::statement statement = (m_session.prepare << "DELETE FROM catalog_site WHERE id = :id AND commune_id = :c",
                                 soci::use(id), soci::use(c));
    return changed_one(statement);
}

void SqlCatalogStore::write_activity_sites(const Activity& activity) {
    long long id = activity.id.value(), commune = activity.commune.value();
    m_session << "DELETE FROM catalog_activity_site WHERE activity_id = :id", soci::use(id);
    for (const auto& place : activity.sites) {
        long long site = place.site.value(), capacity = place.capacity;
        m_session << "INSERT INTO catalog_activity_site (activity_id, site_id, commune_id, capacity) VALUES (:a, :s, "
                     ":c, :n)",
            soci::use(id), soci::use(site), soci::use(commune), soci::use(capacity);
    }
}

namespace {

// The columns of an activity row, bound for an INSERT or an UPDATE.
struct ActivityColumns {
    long long commune = 0, min_age = 0, max_age = 0, price = 0, validation = 0;
    soci::indicator min_indicator = soci::i_null, max_indicator = soci::i_null;
    std::string kind, weekdays, class_levels, rules;

    explicit ActivityColumns(const Activity& activity)
        : commune(activity.commune.value()),
          min_age(activity.eligibility.min_age.value_or(0)),
          max_age(activity.eligibility.max_age.value_or(0)),
          price(activity.unit_price.cents()),
          validation(activity.needs_validation ? 1 : 0),
          min_indicator(activity.eligibility.min_age ? soci::i_ok : soci::i_null),
          max_indicator(activity.eligibility.max_age ? soci::i_ok : soci::i_null),
          kind(activity_kind_name(activity.kind)),
          weekdays(weekdays_text(activity.weekdays)),
          rules(write_rules(activity.rules)) {
        std::vector<std::string_view> levels;
        for (const auto level : activity.eligibility.class_levels)
            levels.push_back(family::class_name(level));
        class_levels = join(levels);
    }
};

}  // namespace

core::Result<core::ActivityId> SqlCatalogStore::insert_activity(const Activity& activity) {
    ActivityColumns c(activity);
    long long id = 0;
    m_session << "INSERT INTO catalog_activity (commune_id, code, name, description, kind, weekdays, class_levels, "
                 "min_age, max_age, tariff_category, unit_price_cents, needs_validation, rules) VALUES (:c, :code, "
                 ":name, :description, :kind, :weekdays, :levels, :min, :max, :tariff, :price, :validation, :rules) "
                 "RETURNING id",
        soci::use(c.commune), soci::use(activity.code), soci::use(activity.name), soci::use(activity.description),
        soci::use(c.kind), soci::use(c.weekdays), soci::use(c.class_levels), soci::use(c.min_age, c.min_indicator),
        soci::use(c.max_age, c.max_indicator), soci::use(activity.tariff_category), soci::use(c.price),
        soci::use(c.validation), soci::use(c.rules), soci::into(id);
    Activity stored = activity;
    stored.id = core::ActivityId{id};
    write_activity_sites(stored);
    return stored.id;
}

core::Status SqlCatalogStore::update_activity(const Activity& activity) {
    ActivityColumns c(activity);
    long long id = activity.id.value();
    soci::statement statement =
        (m_session.prepare << "UPDATE catalog_activity SET code = :code, name = :name, description = :description, "
                              "kind = :kind, weekdays = :weekdays, class_levels = :levels, min_age = :min, max_age = "
                              ":max, tariff_category = :tariff, unit_price_cents = :price, needs_validation = "
                              ":validation, rules = :rules WHERE id = :id AND commune_id = :c",
         soci::use(activity.code), soci::use(activity.name), soci::use(activity.description), soci::use(c.kind),
         soci::use(c.weekdays), soci::use(c.class_levels), soci::use(c.min_age, c.min_indicator),
         soci::use(c.max_age, c.max_indicator), soci::use(activity.tariff_category), soci::use(c.price),
         soci::use(c.validation), soci::use(c.rules), soci::use(id), soci::use(c.commune));
    GUICHET_TRY_STATUS(changed_one(statement));
    write_activity_sites(activity);
    return {};
}

core::Status SqlCatalogStore::delete_activity(core::CommuneId commune, core::ActivityId activity) {
    long long c = commune.value(), id = activity.value(), uses = 0;
    GUICHET_TRY(mine, owns("catalog_activity", commune, id));
    if (!mine)
        return not_found();
    m_session << "SELECT (SELECT COUNT(*) FROM holiday_session WHERE activity_id = :a) + (SELECT COUNT(*) FROM "
                 "service_closure WHERE activity_id = :b)",
        soci::use(id), soci::use(id), soci::into(uses);
    if (uses > 0)
        return in_use();
    m_session << "DELETE FROM catalog_activity_site WHERE activity_id = :id", soci::use(id);
    soci::statement statement = (m_session.prepare << "DELETE FROM catalog_activity WHERE id = :id AND commune_id = :c",
                                 soci::use(id), soci::use(c));
    return changed_one(statement);
}

void SqlCatalogStore::write_year_days(const SchoolYear& year) {
    long long id = year.id.value(), commune = year.commune.value();
    m_session << "DELETE FROM school_holiday WHERE school_year_id = :id", soci::use(id);
    m_session << "DELETE FROM school_day_off WHERE school_year_id = :id", soci::use(id);
    for (const auto& holiday : year.holidays) {
        const std::string first = holiday.first_day_off.date.to_iso(), resume = holiday.resume_day.date.to_iso();
        long long first_tbc = holiday.first_day_off.to_be_confirmed ? 1 : 0,
                  resume_tbc = holiday.resume_day.to_be_confirmed ? 1 : 0;
        m_session << "INSERT INTO school_holiday (school_year_id, commune_id, name, first_day_off, first_day_off_tbc, "
                     "resume_day, resume_day_tbc) VALUES (:y, :c, :name, :first, :first_tbc, :resume, :resume_tbc)",
            soci::use(id), soci::use(commune), soci::use(holiday.name), soci::use(first), soci::use(first_tbc),
            soci::use(resume), soci::use(resume_tbc);
    }
    for (const auto& entry : year.days_without_school) {
        const std::string day = entry.day.date.to_iso();
        long long tbc = entry.day.to_be_confirmed ? 1 : 0;
        m_session << "INSERT INTO school_day_off (school_year_id, commune_id, day, day_tbc, reason) VALUES (:y, :c, "
                     ":day, :tbc, :reason)",
            soci::use(id), soci::use(commune), soci::use(day), soci::use(tbc), soci::use(entry.reason);
    }
}

core::Result<core::SchoolYearId> SqlCatalogStore::insert_school_year(const SchoolYear& year) {
    long long commune = year.commune.value(), id = 0, rentree_tbc = year.rentree.to_be_confirmed ? 1 : 0,
              last_tbc = year.last_day.to_be_confirmed ? 1 : 0;
    const std::string rentree = year.rentree.date.to_iso(), last = year.last_day.date.to_iso();
    m_session << "INSERT INTO school_year (commune_id, label, rentree, rentree_tbc, last_day, last_day_tbc) VALUES "
                 "(:c, :label, :rentree, :rentree_tbc, :last, :last_tbc) RETURNING id",
        soci::use(commune), soci::use(year.label), soci::use(rentree), soci::use(rentree_tbc), soci::use(last),
        soci::use(last_tbc), soci::into(id);
    SchoolYear stored = year;
    stored.id = core::SchoolYearId{id};
    write_year_days(stored);
    return stored.id;
}

core::Status SqlCatalogStore::update_school_year(const SchoolYear& year) {
    long long commune = year.commune.value(), id = year.id.value(), rentree_tbc = year.rentree.to_be_confirmed ? 1 : 0,
              last_tbc = year.last_day.to_be_confirmed ? 1 : 0;
    const std::string rentree = year.rentree.date.to_iso(), last = year.last_day.date.to_iso();
    soci::statement statement =
        (m_session.prepare << "UPDATE school_year SET label = :label, rentree = :rentree, rentree_tbc = :rentree_tbc, "
                              "last_day = :last, last_day_tbc = :last_tbc WHERE id = :id AND commune_id = :c",
         soci::use(year.label), soci::use(rentree), soci::use(rentree_tbc), soci::use(last), soci::use(last_tbc),
         soci::use(id), soci::use(commune));
    GUICHET_TRY_STATUS(changed_one(statement));
    write_year_days(year);
    return {};
}

core::Status SqlCatalogStore::delete_school_year(core::CommuneId commune, core::SchoolYearId year) {
    long long c = commune.value(), id = year.value();
    GUICHET_TRY(mine, owns("school_year", commune, id));
    if (!mine)
        return not_found();
    m_session << "DELETE FROM school_holiday WHERE school_year_id = :id", soci::use(id);
    m_session << "DELETE FROM school_day_off WHERE school_year_id = :id", soci::use(id);
    soci::statement statement = (m_session.prepare << "DELETE FROM school_year WHERE id = :id AND commune_id = :c",
                                 soci::use(id), soci::use(c));
    return changed_one(statement);
}

void SqlCatalogStore::write_session_sites(const HolidaySession& session) {
    long long id = session.id.value(), commune = session.commune.value();
    m_session << "DELETE FROM holiday_session_site WHERE session_id = :id", soci::use(id);
    for (const auto& place : session.sites) {
        long long site = place.site.value(), capacity = place.capacity;
        m_session << "INSERT INTO holiday_session_site (session_id, site_id, commune_id, capacity) VALUES (:a, :s, "
                     ":c, :n)",
            soci::use(id), soci::use(site), soci::use(commune), soci::use(capacity);
    }
}

core::Result<core::HolidaySessionId> SqlCatalogStore::insert_session(const HolidaySession& session) {
    long long commune = session.commune.value(), activity = session.activity.value(), id = 0;
    const std::string first = session.first_day.to_iso(), last = session.last_day.to_iso(),
                      weekdays = weekdays_text(session.weekdays);
    m_session << "INSERT INTO holiday_session (commune_id, code, name, activity_id, first_day, last_day, weekdays) "
                 "VALUES (:c, :code, :name, :activity, :first, :last, :weekdays) RETURNING id",
        soci::use(commune), soci::use(session.code), soci::use(session.name), soci::use(activity), soci::use(first),
        soci::use(last), soci::use(weekdays), soci::into(id);
    HolidaySession stored = session;
    stored.id = core::HolidaySessionId{id};
    write_session_sites(stored);
    return stored.id;
}

core::Status SqlCatalogStore::update_session(const HolidaySession& session) {
    long long commune = session.commune.value(), activity = session.activity.value(), id = session.id.value();
    const std::string first = session.first_day.to_iso(), last = session.last_day.to_iso(),
                      weekdays = weekdays_text(session.weekdays);
    soci::statement statement =
        (m_session.prepare << "UPDATE holiday_session SET code = :code, name = :name, activity_id = :activity, "
                              "first_day = :first, last_day = :last, weekdays = :weekdays WHERE id = :id AND "
                              "commune_id = :c",
         soci::use(session.code), soci::use(session.name), soci::use(activity), soci::use(first), soci::use(last),
         soci::use(weekdays), soci::use(id), soci::use(commune));
    GUICHET_TRY_STATUS(changed_one(statement));
    write_session_sites(session);
    return {};
}

core::Status SqlCatalogStore::delete_session(core::CommuneId commune, core::HolidaySessionId session) {
    long long c = commune.value(), id = session.value();
    GUICHET_TRY(mine, owns("holiday_session", commune, id));
    if (!mine)
        return not_found();
    m_session << "DELETE FROM holiday_session_site WHERE session_id = :id", soci::use(id);
    soci::statement statement = (m_session.prepare << "DELETE FROM holiday_session WHERE id = :id AND commune_id = :c",
                                 soci::use(id), soci::use(c));
    return changed_one(statement);
}

core::Result<core::ClosureId> SqlCatalogStore::insert_closure(const Closure& closure) {
    long long commune = closure.commune.value(), activity = closure.activity ? closure.activity->value() : 0,
              site = closure.site ? closure.site->value() : 0, id = 0;
    soci::indicator activity_indicator = closure.activity ? soci::i_ok : soci::i_null,
                    site_indicator = closure.site ? soci::i_ok : soci::i_null;
    const std::string day = closure.day.to_iso();
    m_session << "INSERT INTO service_closure (commune_id, day, activity_id, site_id, reason) VALUES (:c, :day, "
                 ":activity, :site, :reason) RETURNING id",
        soci::use(commune), soci::use(day), soci::use(activity, activity_indicator), soci::use(site, site_indicator),
        soci::use(closure.reason), soci::into(id);
    return core::ClosureId{id};
}

core::Status SqlCatalogStore::update_closure(const Closure& closure) {
    long long commune = closure.commune.value(), activity = closure.activity ? closure.activity->value() : 0,
              site = closure.site ? closure.site->value() : 0, id = closure.id.value();
    soci::indicator activity_indicator = closure.activity ? soci::i_ok : soci::i_null,
                    site_indicator = closure.site ? soci::i_ok : soci::i_null;
    const std::string day = closure.day.to_iso();
    soci::statement statement =
        (m_session.prepare << "UPDATE service_closure SET day = :day, activity_id = :activity, site_id = :site, "
                              "reason = :reason WHERE id = :id AND commune_id = :c",
         soci::use(day), soci::use(activity, activity_indicator), soci::use(site, site_indicator),
         soci::use(closure.reason), soci::use(id), soci::use(commune));
    return changed_one(statement);
}

core::Status SqlCatalogStore::delete_closure(core::CommuneId commune, core::ClosureId closure) {
    long long c = commune.value(), id = closure.value();
    soci::statement statement = (m_session.prepare << "DELETE FROM service_closure WHERE id = :id AND commune_id = :c",
                                 soci::use(id), soci::use(c));
    return changed_one(statement);
}

core::Status SqlCatalogStore::record(const CatalogEvent& event) {
    long long commune = event.commune.value(), actor = event.actor ? event.actor->value() : 0, at = to_micros(event.at);
    soci::indicator actor_indicator = event.actor ? soci::i_ok : soci::i_null;
    m_session << "INSERT INTO catalog_event (commune_id, actor_id, kind, detail, at_us) VALUES (:c, :actor, :kind, "
                 ":detail, :at)",
        soci::use(commune), soci::use(actor, actor_indicator), soci::use(event.kind), soci::use(event.detail),
        soci::use(at);
    return {};
}

core::Result<std::vector<CatalogEvent>> SqlCatalogStore::history(core::CommuneId commune) {
    return of_commune<EventRow>(
        m_session,
        "SELECT commune_id, actor_id, kind, detail, at_us FROM catalog_event WHERE commune_id = :c ORDER BY id",
        commune);
}

}  // namespace guichet::storage
