#include "storage/migration.h"

namespace guichet::storage {

// Households (foyers), their representatives, children, authorised persons, quotients and history.
std::vector<Migration> family_migrations() {
    return {
        {3,
         "households",
         {
             R"sql(CREATE TABLE household (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                reference TEXT NOT NULL,
                address_line TEXT NOT NULL,
                address_complement TEXT NOT NULL,
                postal_code TEXT NOT NULL,
                city TEXT NOT NULL,
                created_at_us {int} NOT NULL,
                UNIQUE (commune_id, reference)
              ){strict})sql",
             R"sql(CREATE TABLE representative (
                id {id},
                household_id {int} NOT NULL REFERENCES household(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                civility TEXT NOT NULL,
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                relationship TEXT NOT NULL,
                email TEXT NOT NULL,
                mobile_phone TEXT NOT NULL,
                landline_phone TEXT NOT NULL,
                account_id {int} REFERENCES account(id),
                key_digest TEXT NOT NULL,
                key_issued_at_us {int},
                key_expires_at_us {int},
                key_used_at_us {int}
              ){strict})sql",
             R"sql(CREATE INDEX representative_by_household ON representative (household_id))sql",
             R"sql(CREATE INDEX representative_by_account ON representative (commune_id, account_id))sql",
             R"sql(CREATE INDEX representative_by_key ON representative (commune_id, key_digest))sql",
             R"sql(CREATE TABLE child (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                birth_date TEXT NOT NULL,
                sex TEXT NOT NULL,
                school TEXT NOT NULL,
                class_level TEXT NOT NULL,
                diet TEXT NOT NULL,
                pai {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE TABLE household_child (
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                PRIMARY KEY (household_id, child_id)
              ){strict})sql",
             R"sql(CREATE INDEX household_child_by_child ON household_child (child_id))sql",
             R"sql(CREATE TABLE authorised_person (
                id {id},
                household_id {int} NOT NULL REFERENCES household(id),
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                phone TEXT NOT NULL,
                relationship TEXT NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX authorised_person_by_household ON authorised_person (household_id))sql",
             R"sql(CREATE TABLE family_quotient (
                id {id},
                household_id {int} NOT NULL REFERENCES household(id),
                amount_euros {int} NOT NULL,
                source TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT
              ){strict})sql",
             R"sql(CREATE INDEX family_quotient_by_household ON family_quotient (household_id))sql",
             R"sql(CREATE TABLE family_event (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                household_id {int} NOT NULL REFERENCES household(id),
                actor_id {int} REFERENCES account(id),
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                at_us {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX family_event_by_household ON family_event (household_id, id))sql",
         }},
    };
}

}  // namespace guichet::storage
