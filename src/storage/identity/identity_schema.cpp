#include "storage/migration.h"

namespace guichet::storage::sqlite {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> kMigrations = {
        {1,
         "communes",
         {
             R"sql(CREATE TABLE commune (
                id INTEGER PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                contact_service TEXT NOT NULL,
                contact_address TEXT NOT NULL,
                contact_postal TEXT NOT NULL,
                contact_phone TEXT NOT NULL,
                contact_email TEXT NOT NULL,
                contact_hours TEXT NOT NULL,
                logo_media_type TEXT,
                logo_base64 TEXT,
                created_at_us INTEGER NOT NULL,
                updated_at_us INTEGER NOT NULL,
                CHECK ((logo_media_type IS NULL) = (logo_base64 IS NULL))
             ) STRICT)sql",
         }},
        {2,
         "accounts",
         {
             R"sql(CREATE TABLE account (
                id INTEGER PRIMARY KEY,
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                role TEXT NOT NULL CHECK (role IN ('parent', 'agent', 'admin')),
                status TEXT NOT NULL CHECK (status IN ('pending_confirmation', 'active', 'closure_requested', 'closed')),
                username TEXT NOT NULL,
                username_lower TEXT NOT NULL,
                email TEXT NOT NULL,
                email_lower TEXT NOT NULL,
                civility TEXT NOT NULL,
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                address_line TEXT NOT NULL,
                address_complement TEXT NOT NULL,
                postal_code TEXT NOT NULL,
                city TEXT NOT NULL,
                mobile_phone TEXT NOT NULL,
                landline_phone TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                pending_childcare_key TEXT NOT NULL,
                created_at_us INTEGER NOT NULL,
                last_login_at_us INTEGER,
                previous_login_at_us INTEGER,
                closure_requested_at_us INTEGER,
                UNIQUE (commune_id, username_lower),
                UNIQUE (commune_id, email_lower)
             ) STRICT)sql",
             R"sql(CREATE TABLE account_token (
                digest TEXT PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES account(id),
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                purpose TEXT NOT NULL,
                new_email TEXT NOT NULL,
                created_at_us INTEGER NOT NULL,
                expires_at_us INTEGER NOT NULL,
                used_at_us INTEGER
             ) STRICT)sql",
             R"sql(CREATE INDEX account_token_by_account ON account_token (account_id, purpose))sql",
             R"sql(CREATE TABLE session (
                digest TEXT PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES account(id),
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                created_at_us INTEGER NOT NULL,
                last_seen_at_us INTEGER NOT NULL,
                ip TEXT NOT NULL,
                user_agent TEXT NOT NULL
             ) STRICT)sql",
             R"sql(CREATE INDEX session_by_account ON session (account_id))sql",
             R"sql(CREATE TABLE throttle (
                key TEXT PRIMARY KEY,
                window_start_us INTEGER NOT NULL,
                failures INTEGER NOT NULL,
                blocked_until_us INTEGER NOT NULL
             ) STRICT)sql",
             R"sql(CREATE TABLE audit_event (
                id INTEGER PRIMARY KEY,
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                account_id INTEGER REFERENCES account(id),
                actor_id INTEGER REFERENCES account(id),
                kind TEXT NOT NULL,
                ip TEXT NOT NULL,
                detail TEXT NOT NULL,
                at_us INTEGER NOT NULL
             ) STRICT)sql",
             R"sql(CREATE INDEX audit_event_by_account ON audit_event (commune_id, account_id))sql",
             R"sql(CREATE TABLE outbox_message (
                id INTEGER PRIMARY KEY,
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                recipient TEXT NOT NULL,
                template TEXT NOT NULL,
                language TEXT NOT NULL,
                variables TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'held')),
                attempts INTEGER NOT NULL,
                next_attempt_at_us INTEGER NOT NULL,
                lease_until_us INTEGER NOT NULL,
                last_error TEXT NOT NULL,
                created_at_us INTEGER NOT NULL,
                sent_at_us INTEGER
             ) STRICT)sql",
             R"sql(CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at_us))sql",
             R"sql(CREATE INDEX outbox_message_by_commune ON outbox_message (commune_id, id))sql",
             R"sql(CREATE TABLE server_key (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                key_base64 TEXT NOT NULL
             ) STRICT)sql",
         }},
        {3,
         "households",
         {
             R"sql(CREATE TABLE household (
                id INTEGER PRIMARY KEY,
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                reference TEXT NOT NULL,
                address_line TEXT NOT NULL,
                address_complement TEXT NOT NULL,
                postal_code TEXT NOT NULL,
                city TEXT NOT NULL,
                created_at_us INTEGER NOT NULL,
                UNIQUE (commune_id, reference)
             ) STRICT)sql",
             R"sql(CREATE TABLE representative (
                id INTEGER PRIMARY KEY,
                household_id INTEGER NOT NULL REFERENCES household(id),
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                civility TEXT NOT NULL,
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                relationship TEXT NOT NULL,
                email TEXT NOT NULL,
                mobile_phone TEXT NOT NULL,
                landline_phone TEXT NOT NULL,
                account_id INTEGER REFERENCES account(id),
                key_digest TEXT NOT NULL,
                key_issued_at_us INTEGER,
                key_expires_at_us INTEGER,
                key_used_at_us INTEGER
             ) STRICT)sql",
             R"sql(CREATE INDEX representative_by_household ON representative (household_id))sql",
             R"sql(CREATE INDEX representative_by_account ON representative (commune_id, account_id))sql",
             R"sql(CREATE INDEX representative_by_key ON representative (commune_id, key_digest))sql",
             R"sql(CREATE TABLE child (
                id INTEGER PRIMARY KEY,
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                birth_date TEXT NOT NULL,
                sex TEXT NOT NULL,
                school TEXT NOT NULL,
                class_level TEXT NOT NULL,
                diet TEXT NOT NULL,
                pai INTEGER NOT NULL
             ) STRICT)sql",
             R"sql(CREATE TABLE household_child (
                household_id INTEGER NOT NULL REFERENCES household(id),
                child_id INTEGER NOT NULL REFERENCES child(id),
                PRIMARY KEY (household_id, child_id)
             ) STRICT)sql",
             R"sql(CREATE INDEX household_child_by_child ON household_child (child_id))sql",
             R"sql(CREATE TABLE authorised_person (
                id INTEGER PRIMARY KEY,
                household_id INTEGER NOT NULL REFERENCES household(id),
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                phone TEXT NOT NULL,
                relationship TEXT NOT NULL
             ) STRICT)sql",
             R"sql(CREATE INDEX authorised_person_by_household ON authorised_person (household_id))sql",
             R"sql(CREATE TABLE family_quotient (
                id INTEGER PRIMARY KEY,
                household_id INTEGER NOT NULL REFERENCES household(id),
                amount_euros INTEGER NOT NULL,
                source TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT
             ) STRICT)sql",
             R"sql(CREATE INDEX family_quotient_by_household ON family_quotient (household_id))sql",
             R"sql(CREATE TABLE family_event (
                id INTEGER PRIMARY KEY,
                commune_id INTEGER NOT NULL REFERENCES commune(id),
                household_id INTEGER NOT NULL REFERENCES household(id),
                actor_id INTEGER REFERENCES account(id),
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                at_us INTEGER NOT NULL
             ) STRICT)sql",
             R"sql(CREATE INDEX family_event_by_household ON family_event (household_id, id))sql",
         }},
    };
    return kMigrations;
}

}  // namespace guichet::storage::sqlite
