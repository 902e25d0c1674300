#include "storage/migration.h"

namespace guichet::storage {

// Accounts, single-use links, sessions, throttling counters and the audit log. Migration 2 was released with two
// tables that belong to no single domain module and are owned since by storage/notify (outbox_message, the mails
// waiting to leave) and storage/server_key.cpp (server_key); it stays here whole, as released.
std::vector<Migration> identity_migrations() {
    return {
        {2,
         "accounts",
         {
             R"sql(CREATE TABLE account (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
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
                created_at_us {int} NOT NULL,
                last_login_at_us {int},
                previous_login_at_us {int},
                closure_requested_at_us {int},
                UNIQUE (commune_id, username_lower),
                UNIQUE (commune_id, email_lower)
              ){strict})sql",
             R"sql(CREATE TABLE account_token (
                digest TEXT PRIMARY KEY,
                account_id {int} NOT NULL REFERENCES account(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                purpose TEXT NOT NULL,
                new_email TEXT NOT NULL,
                created_at_us {int} NOT NULL,
                expires_at_us {int} NOT NULL,
                used_at_us {int}
              ){strict})sql",
             R"sql(CREATE INDEX account_token_by_account ON account_token (account_id, purpose))sql",
             R"sql(CREATE TABLE session (
                digest TEXT PRIMARY KEY,
                account_id {int} NOT NULL REFERENCES account(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                created_at_us {int} NOT NULL,
                last_seen_at_us {int} NOT NULL,
                ip TEXT NOT NULL,
                user_agent TEXT NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX session_by_account ON session (account_id))sql",
             R"sql(CREATE TABLE throttle (
                key TEXT PRIMARY KEY,
                window_start_us {int} NOT NULL,
                failures {int} NOT NULL,
                blocked_until_us {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE TABLE audit_event (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                account_id {int} REFERENCES account(id),
                actor_id {int} REFERENCES account(id),
                kind TEXT NOT NULL,
                ip TEXT NOT NULL,
                detail TEXT NOT NULL,
                at_us {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX audit_event_by_account ON audit_event (commune_id, account_id))sql",
             R"sql(CREATE TABLE outbox_message (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                recipient TEXT NOT NULL,
                template TEXT NOT NULL,
                language TEXT NOT NULL,
                variables TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'held')),
                attempts {int} NOT NULL,
                next_attempt_at_us {int} NOT NULL,
                lease_until_us {int} NOT NULL,
                last_error TEXT NOT NULL,
                created_at_us {int} NOT NULL,
                sent_at_us {int}
              ){strict})sql",
             R"sql(CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at_us))sql",
             R"sql(CREATE INDEX outbox_message_by_commune ON outbox_message (commune_id, id))sql",
             R"sql(CREATE TABLE server_key (
                id {int} PRIMARY KEY CHECK (id = 1),
                key_base64 TEXT NOT NULL
              ){strict})sql",
         }},
        {4,
         "closed_accounts_leave_the_username_space",
         {
             // Closed accounts used to keep "ferme-<id>", a username anyone could reserve beforehand; they now keep
             // "#closed-<id>" (identity::closed_account_name), which no sign-up can choose.
             R"sql(UPDATE account SET username = '#closed-' || id, username_lower = '#closed-' || id,
                email = '#closed-' || id, email_lower = '#closed-' || id WHERE status = 'closed')sql",
         }},
        // Site staff (personnel de site) are agents limited to their sites: the role column keeps 'agent' (its CHECK
        // cannot change on SQLite) and site_staff says the account works at some sites only (identity::Role::
        // site_staff, as SqlIdentityStore reads it).
        {15,
         "site_staff_accounts",
         {
             R"sql(ALTER TABLE account ADD COLUMN site_staff {int} NOT NULL DEFAULT 0 CHECK (site_staff IN (0, 1)))sql",
         }},
    };
}

}  // namespace guichet::storage
