#include "storage/migration.h"

namespace guichet::storage {

// The catalogue: sites, activities (and the sites they run at), school years (their holidays and extra days without
// school), holiday sessions (and their sites), closures, and the catalogue's history. Every table carries its
// commune_id, and codes (labels) are unique per commune. Dates are ISO 8601 text ("2025-09-01"); each date the town
// may not have confirmed has a *_tbc flag beside it. An activity's booking and cancellation rules are one JSON text
// column, written and read by catalog::write_rules / read_rules (the "rules" member of docs/catalog-format.md): the
// booking module reads them whole, nothing queries inside them, and a new kind of rule then needs no migration.
// Weekdays are comma-separated codes ("monday,tuesday"), class levels likewise ("cp,ce1").
std::vector<Migration> catalog_migrations() {
    return {
        {6,
         "catalog",
         {
             R"sql(CREATE TABLE catalog_site (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('school', 'centre')),
                street TEXT NOT NULL,
                postcode TEXT NOT NULL,
                town TEXT NOT NULL,
                UNIQUE (commune_id, code)
              ){strict})sql",
             R"sql(CREATE TABLE catalog_activity (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('school_time', 'holiday_session')),
                weekdays TEXT NOT NULL,
                class_levels TEXT NOT NULL,
                min_age {int},
                max_age {int},
                tariff_category TEXT NOT NULL,
                unit_price_cents {int} NOT NULL,
                needs_validation {int} NOT NULL,
                rules TEXT NOT NULL,
                UNIQUE (commune_id, code)
              ){strict})sql",
             R"sql(CREATE TABLE catalog_activity_site (
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                capacity {int} NOT NULL,
                PRIMARY KEY (activity_id, site_id)
              ){strict})sql",
             R"sql(CREATE INDEX catalog_activity_site_by_commune ON catalog_activity_site (commune_id))sql",
             R"sql(CREATE INDEX catalog_activity_site_by_site ON catalog_activity_site (site_id))sql",
             R"sql(CREATE TABLE school_year (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                label TEXT NOT NULL,
                rentree TEXT NOT NULL,
                rentree_tbc {int} NOT NULL,
                last_day TEXT NOT NULL,
                last_day_tbc {int} NOT NULL,
                UNIQUE (commune_id, label)
              ){strict})sql",
             R"sql(CREATE TABLE school_holiday (
                id {id},
                school_year_id {int} NOT NULL REFERENCES school_year(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                name TEXT NOT NULL,
                first_day_off TEXT NOT NULL,
                first_day_off_tbc {int} NOT NULL,
                resume_day TEXT NOT NULL,
                resume_day_tbc {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX school_holiday_by_commune ON school_holiday (commune_id, school_year_id))sql",
             R"sql(CREATE TABLE school_day_off (
                id {id},
                school_year_id {int} NOT NULL REFERENCES school_year(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                day TEXT NOT NULL,
                day_tbc {int} NOT NULL,
                reason TEXT NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX school_day_off_by_commune ON school_day_off (commune_id, school_year_id))sql",
             R"sql(CREATE TABLE holiday_session (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                first_day TEXT NOT NULL,
                last_day TEXT NOT NULL,
                weekdays TEXT NOT NULL,
                UNIQUE (commune_id, code)
              ){strict})sql",
             R"sql(CREATE INDEX holiday_session_by_activity ON holiday_session (activity_id))sql",
             R"sql(CREATE TABLE holiday_session_site (
                session_id {int} NOT NULL REFERENCES holiday_session(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                capacity {int} NOT NULL,
                PRIMARY KEY (session_id, site_id)
              ){strict})sql",
             R"sql(CREATE INDEX holiday_session_site_by_commune ON holiday_session_site (commune_id))sql",
             R"sql(CREATE INDEX holiday_session_site_by_site ON holiday_session_site (site_id))sql",
             R"sql(CREATE TABLE service_closure (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                day TEXT NOT NULL,
                activity_id {int} REFERENCES catalog_activity(id),
                site_id {int} REFERENCES catalog_site(id),
                reason TEXT NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX service_closure_by_commune ON service_closure (commune_id, day))sql",
             R"sql(CREATE INDEX service_closure_by_activity ON service_closure (activity_id))sql",
             R"sql(CREATE INDEX service_closure_by_site ON service_closure (site_id))sql",
             R"sql(CREATE TABLE catalog_event (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                actor_id {int} REFERENCES account(id),
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                at_us {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX catalog_event_by_commune ON catalog_event (commune_id, id))sql",
         }},
        // The settings a commune changed (catalog/settings.cpp lists them with their defaults): one row each.
        {9,
         "catalog_settings",
         {
             R"sql(CREATE TABLE catalog_setting (
                commune_id {int} NOT NULL REFERENCES commune(id),
                name TEXT NOT NULL,
                value {int} NOT NULL,
                PRIMARY KEY (commune_id, name)
              ){strict})sql",
         }},
    };
}

}  // namespace guichet::storage
