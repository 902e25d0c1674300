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
        // Attendance (pointage). Every tap is kept in attendance_tap, once per mark id (the page makes one per tap, so
        // a retried or replayed tap is not stored twice); attendance_mark holds the last tap of each child, day and
        // activity, which the roll shows and billing reads (basis 'unbooked': a presence without a booking, billed
        // with a surcharge). staff_site lists the sites each site staff account works at.
        {11,
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
    };
}

}  // namespace guichet::storage
