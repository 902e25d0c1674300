#include "storage/migration.h"

namespace guichet::storage {

// Enrolments (inscriptions), booked days, and the places taken per day. The places are a counter per day of an
// activity at a site, raised by one conditional UPDATE (`taken < capacity`): on PostgreSQL the row lock makes two
// transactions taking the last place queue, the second seeing the day full; on SQLite writers are serialised.
// Days are ISO text ('2026-10-15'), which sorts and compares as the calendar does.
std::vector<Migration> booking_migrations() {
    return {
        {7,
         "bookings",
         {
             R"sql(CREATE TABLE enrolment (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                school_year_id {int} REFERENCES school_year(id),
                session_id {int} REFERENCES holiday_session(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'refused', 'withdrawn')),
                refusal_reason TEXT NOT NULL,
                requested_by {int} NOT NULL REFERENCES account(id),
                requested_at_us {int} NOT NULL,
                decided_by {int} REFERENCES account(id),
                decided_at_us {int},
                CHECK ((school_year_id IS NULL) <> (session_id IS NULL))
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX enrolment_active ON enrolment
                (child_id, activity_id, COALESCE(school_year_id, 0), COALESCE(session_id, 0))
                WHERE status IN ('pending', 'accepted'))sql",
             R"sql(CREATE INDEX enrolment_by_child ON enrolment (commune_id, child_id, id))sql",
             R"sql(CREATE INDEX enrolment_by_status ON enrolment (commune_id, status, id))sql",
             R"sql(CREATE TABLE day_booking (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                day TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
                timing TEXT NOT NULL CHECK (timing IN ('on_time', 'late')),
                unit_price_cents {int} NOT NULL,
                surcharge_cents {int} NOT NULL,
                channel TEXT NOT NULL CHECK (channel IN ('portal', 'guichet')),
                booked_by {int} NOT NULL REFERENCES account(id),
                booked_at_us {int} NOT NULL,
                cancelled_by {int} REFERENCES account(id),
                cancelled_at_us {int},
                cancellation TEXT CHECK (cancellation IN ('free', 'billed'))
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX day_booking_once ON day_booking (child_id, activity_id, day)
                WHERE status = 'booked')sql",
             R"sql(CREATE INDEX day_booking_by_child ON day_booking (commune_id, child_id, day))sql",
             R"sql(CREATE TABLE day_places (
                commune_id {int} NOT NULL REFERENCES commune(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                day TEXT NOT NULL,
                taken {int} NOT NULL CHECK (taken >= 0),
                PRIMARY KEY (activity_id, site_id, day)
              ){strict})sql",
             R"sql(CREATE TABLE booking_event (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                actor_id {int} NOT NULL REFERENCES account(id),
                channel TEXT NOT NULL CHECK (channel IN ('portal', 'guichet')),
                kind TEXT NOT NULL,
                detail TEXT NOT NULL,
                ip TEXT NOT NULL,
                at_us {int} NOT NULL
              ){strict})sql",
             R"sql(CREATE INDEX booking_event_by_child ON booking_event (commune_id, child_id, id))sql",
         }},
        {8,
         "waiting_lists",
         {
             R"sql(CREATE TABLE waiting_entry (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                day TEXT NOT NULL,
                joined_by {int} NOT NULL REFERENCES account(id),
                joined_at_us {int} NOT NULL,
                left_at_us {int}
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX waiting_entry_once ON waiting_entry (child_id, activity_id, day)
                WHERE left_at_us IS NULL)sql",
             R"sql(CREATE INDEX waiting_entry_by_day ON waiting_entry (activity_id, site_id, day, id))sql",
             R"sql(CREATE INDEX waiting_entry_by_child ON waiting_entry (commune_id, child_id, day))sql",
         }},
        {10,
         "reminders_and_calendar_feeds",
         {
             // One row per reminder sent: the key is the rule that two processes ticking at once send one mail.
             R"sql(CREATE TABLE reminder_sent (
                commune_id {int} NOT NULL REFERENCES commune(id),
                child_id {int} NOT NULL REFERENCES child(id),
                deadline_key TEXT NOT NULL,
                step TEXT NOT NULL CHECK (step IN ('first', 'second')),
                sent_at_us {int} NOT NULL,
                PRIMARY KEY (commune_id, child_id, deadline_key, step)
              ){strict})sql",
             // An account that turned reminders off (or on again); no row: it receives them.
             R"sql(CREATE TABLE reminder_preference (
                commune_id {int} NOT NULL REFERENCES commune(id),
                account_id {int} NOT NULL REFERENCES account(id),
                wanted {int} NOT NULL CHECK (wanted IN (0, 1)),
                changed_at_us {int} NOT NULL,
                PRIMARY KEY (commune_id, account_id)
              ){strict})sql",
             // A parent's private calendar feed: the digest of its token only; revoked feeds stay as the record.
             R"sql(CREATE TABLE calendar_feed (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                account_id {int} NOT NULL REFERENCES account(id),
                token_digest TEXT NOT NULL UNIQUE,
                created_at_us {int} NOT NULL,
                revoked_at_us {int}
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX calendar_feed_active ON calendar_feed (commune_id, account_id)
                WHERE revoked_at_us IS NULL)sql",
         }},
    };
}

}  // namespace guichet::storage
