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
        // Absences (one per booked day the child misses) and the medical certificate an illness awaits. The booking
        // stays booked: the absence says why the child was away and whether the day is billed.
        {10,
         "absences",
         {
             R"sql(CREATE TABLE absence (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                booking_id {int} NOT NULL REFERENCES day_booking(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                day TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (reason IN ('illness', 'personal', 'medical_appointment', 'other')),
                note TEXT NOT NULL,
                channel TEXT NOT NULL CHECK (channel IN ('portal', 'guichet')),
                reported_by {int} NOT NULL REFERENCES account(id),
                reported_at_us {int} NOT NULL,
                justification TEXT NOT NULL CHECK (justification IN ('none', 'awaited', 'submitted', 'accepted',
                                                                     'refused')),
                justification_deadline TEXT,
                document_id {int},
                decided_by {int} REFERENCES account(id),
                decided_at_us {int},
                refusal_reason TEXT NOT NULL
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX absence_once ON absence (booking_id))sql",
             R"sql(CREATE INDEX absence_by_child ON absence (commune_id, child_id, day))sql",
             R"sql(CREATE INDEX absence_open ON absence (commune_id, justification, justification_deadline))sql",
         }},
        // School events (grève, sortie…) at a site for some days and activities, and the bookings each cancelled,
        // which undoing it restores.
        {11,
         "school_events",
         {
             R"sql(CREATE TABLE school_event (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                first_day TEXT NOT NULL,
                last_day TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('strike', 'teacher_absent', 'school_outing', 'closure')),
                status TEXT NOT NULL CHECK (status IN ('active', 'undone')),
                declared_by {int} NOT NULL REFERENCES account(id),
                declared_at_us {int} NOT NULL,
                undone_by {int} REFERENCES account(id),
                undone_at_us {int}
              ){strict})sql",
             R"sql(CREATE INDEX school_event_by_commune ON school_event (commune_id, status, first_day))sql",
             R"sql(CREATE TABLE school_event_activity (
                event_id {int} NOT NULL REFERENCES school_event(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                PRIMARY KEY (event_id, activity_id)
              ){strict})sql",
             R"sql(CREATE TABLE school_event_cancellation (
                id {id},
                event_id {int} NOT NULL REFERENCES school_event(id),
                commune_id {int} NOT NULL REFERENCES commune(id),
                booking_id {int} NOT NULL REFERENCES day_booking(id)
              ){strict})sql",
             R"sql(CREATE INDEX school_event_cancellation_by_event ON school_event_cancellation (event_id, id))sql",
             R"sql(CREATE INDEX day_booking_by_day ON day_booking (commune_id, activity_id, site_id, day))sql",
         }},
        // [G6] The offers of a freed place to the first child of a waiting list. While offered, the place counts as
        // taken in day_places. Only the digest of the link's token is kept. One open offer per waiting entry.
        {12,
         "waiting_offers",
         {
             R"sql(CREATE TABLE waiting_offer (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                waiting_entry_id {int} NOT NULL REFERENCES waiting_entry(id),
                child_id {int} NOT NULL REFERENCES child(id),
                household_id {int} NOT NULL REFERENCES household(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                day TEXT NOT NULL,
                offered_at_us {int} NOT NULL,
                expires_at_us {int} NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')),
                token_digest TEXT NOT NULL,
                decided_at_us {int},
                decided_by {int} REFERENCES account(id),
                channel TEXT CHECK (channel IN ('portal', 'guichet', 'mail', 'timer'))
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX waiting_offer_token ON waiting_offer (token_digest))sql",
             R"sql(CREATE UNIQUE INDEX waiting_offer_open ON waiting_offer (waiting_entry_id)
                WHERE status = 'offered')sql",
             R"sql(CREATE INDEX waiting_offer_by_day ON waiting_offer (commune_id, day, id))sql",
             R"sql(CREATE INDEX waiting_offer_due ON waiting_offer (commune_id, status, expires_at_us))sql",
             R"sql(CREATE INDEX waiting_offer_by_child ON waiting_offer (commune_id, child_id, status))sql",
         }},
        // Pre-registration for holiday sessions: the families' requests (which never take a place) and the one run
        // of the allocation per session at closing, with its seed and what it read, for `guichet allocation replay`.
        {13,
         "allocation",
         {
             R"sql(CREATE TABLE allocation_request (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                session_id {int} NOT NULL REFERENCES holiday_session(id),
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                both_parents_working {int} NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('requested', 'withdrawn', 'placed', 'waiting')),
                criteria TEXT NOT NULL,
                requested_by {int} NOT NULL REFERENCES account(id),
                requested_at_us {int} NOT NULL,
                withdrawn_at_us {int},
                UNIQUE (session_id, child_id)
              ){strict})sql",
             R"sql(CREATE INDEX allocation_request_by_session ON allocation_request (commune_id, session_id, id))sql",
             R"sql(CREATE INDEX allocation_request_by_child ON allocation_request (child_id))sql",
             R"sql(CREATE TABLE allocation_run (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                session_id {int} NOT NULL REFERENCES holiday_session(id),
                seed TEXT NOT NULL,
                ran_at_us {int} NOT NULL,
                priorities TEXT NOT NULL,
                places TEXT NOT NULL,
                results TEXT NOT NULL,
                UNIQUE (session_id)
              ){strict})sql",
             R"sql(CREATE INDEX allocation_run_by_commune ON allocation_run (commune_id, session_id))sql",
         }},
        // Attendance (pointage). Every tap is kept in attendance_tap, once per mark id (the page makes one per tap, so
        // a retried or replayed tap is not stored twice); attendance_mark holds the last tap of each child, day and
        // activity, which the roll shows and billing reads (basis 'unbooked': a presence without a booking, billed
        // with a surcharge). staff_site lists the sites each site staff account works at.
        {16,
         "attendance",
         {
             R"sql(CREATE TABLE attendance_tap (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                mark_id TEXT NOT NULL,
                household_id {int} NOT NULL REFERENCES household(id),
                child_id {int} NOT NULL REFERENCES child(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                day TEXT NOT NULL,
                presence TEXT NOT NULL CHECK (presence IN ('present', 'absent')),
                basis TEXT NOT NULL CHECK (basis IN ('booked', 'unbooked')),
                marked_by {int} NOT NULL REFERENCES account(id),
                marked_at_us {int} NOT NULL,
                UNIQUE (commune_id, mark_id)
              ){strict})sql",
             R"sql(CREATE INDEX attendance_tap_by_child ON attendance_tap (commune_id, child_id, activity_id, day, id))sql",
             R"sql(CREATE TABLE attendance_mark (
                commune_id {int} NOT NULL REFERENCES commune(id),
                child_id {int} NOT NULL REFERENCES child(id),
                activity_id {int} NOT NULL REFERENCES catalog_activity(id),
                day TEXT NOT NULL,
                household_id {int} NOT NULL REFERENCES household(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                presence TEXT NOT NULL CHECK (presence IN ('present', 'absent')),
                basis TEXT NOT NULL CHECK (basis IN ('booked', 'unbooked')),
                mark_id TEXT NOT NULL,
                marked_by {int} NOT NULL REFERENCES account(id),
                marked_at_us {int} NOT NULL,
                PRIMARY KEY (commune_id, child_id, activity_id, day)
              ){strict})sql",
             R"sql(CREATE INDEX attendance_mark_by_roll ON attendance_mark (commune_id, activity_id, site_id, day))sql",
             R"sql(CREATE TABLE staff_site (
                commune_id {int} NOT NULL REFERENCES commune(id),
                account_id {int} NOT NULL REFERENCES account(id),
                site_id {int} NOT NULL REFERENCES catalog_site(id),
                PRIMARY KEY (commune_id, account_id, site_id)
              ){strict})sql",
             R"sql(CREATE INDEX day_booking_by_roll ON day_booking (commune_id, activity_id, site_id, day)
                WHERE status = 'booked')sql",
         }},
        {17,
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
