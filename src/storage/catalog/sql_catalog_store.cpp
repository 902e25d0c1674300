#include "storage/catalog/sql_catalog_store.h"

#include "catalog/catalog_file.h"
#include "storage/catalog/catalog_columns.h"
#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using namespace catalog;
using namespace catalog_columns;

core::Status not_found() {
    return core::fail(core::ErrorCode::not_found, "error_not_found");
}

core::Status in_use() {
    return core::fail(core::ErrorCode::conflict, "err_catalog_in_use");
}

}  // namespace

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

core::Status SqlCatalogStore::save_settings(core::CommuneId commune, const Settings& settings) {
    long long c = commune.value();
    m_session << "DELETE FROM catalog_setting WHERE commune_id = :c", soci::use(c);
    for (const auto& [name, value] : settings.explicit_values()) {
        std::string key = name;
        long long number = value;
        m_session << "INSERT INTO catalog_setting (commune_id, name, value) VALUES (:c, :name, :value)", soci::use(c),
            soci::use(key), soci::use(number);
    }
    return {};
}

core::Result<long long> SqlCatalogStore::version(core::CommuneId commune) {
    struct Row {
        long long count = 0;
        void bind(soci::statement& s) { s.exchange(soci::into(count)); }
        [[nodiscard]] long long value() const { return count; }
    };
    // A count rather than the last id: on PostgreSQL ids are handed out when a row is inserted, not when it
    // commits, so a change committing after a later-numbered one would leave the last id unchanged.
    const auto rows = cached_rows<Row>(m_session, m_statements,
                                       "SELECT COUNT(*) FROM catalog_event WHERE commune_id = :c", commune.value());
    return rows.empty() ? 0 : rows.front();
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

}  // namespace guichet::storage
