#pragma once

#include <string>
#include <string_view>

#include "booking/calendar_feed.h"
#include "core/instant.h"

namespace guichet::web {

// What the calendar says of itself.
struct IcsCalendarInfo {
    std::string_view time_zone;   // the commune's, "Europe/Paris": its VTIMEZONE is included when libical knows it
    std::string_view name;        // the calendar's title: "Réservations — Chanteloup-les-Vignes"
    std::string_view uid_domain;  // "chanteloup-les-vignes.guichet": the right-hand side of every UID
    core::Instant now;            // DTSTAMP
};

// Returns the feed as an iCalendar (RFC 5545) text written by libical: one VEVENT per booked day and activity,
// all-day (the activities have no hours in the catalogue), with a UID stable per booking ("booking-42@…"), the
// SUMMARY "Rémi — Restauration scolaire", DTSTAMP and CREATED in UTC (no VTIMEZONE is needed: whole days and UTC
// only). Thread-safe.
[[nodiscard]] std::string ics_calendar(const booking::FeedContent& content, const IcsCalendarInfo& info);

}  // namespace guichet::web
