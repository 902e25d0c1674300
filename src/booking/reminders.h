#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/agenda_store.h"
#include "booking/day_booking.h"
#include "booking/enrolment.h"
#include "catalog/catalog.h"
#include "core/civil_date.h"
#include "core/instant.h"
#include "core/result.h"
#include "core/time_zone.h"

namespace guichet::booking {

// The child a reminder is about.
struct ReminderChild {
    core::ChildId id{0};
    core::HouseholdId household{0};
    std::string first_name;  // "Rémi"
};

// A reminder due now: "Il vous reste 2 jours pour réserver les vacances de la Toussaint pour Rémi (jusqu'au 21/09 à
// 23:59)". Either a holiday session the child is enrolled for (`session`), or next month's school days of a
// school-time activity he is enrolled in (`month`, its 1st).
struct DueReminder {
    ReminderChild child;
    core::ActivityId activity{0};
    std::string activity_name;  // "Restauration scolaire"
    std::optional<core::HolidaySessionId> session;
    std::string session_name;  // "Vacances de la Toussaint 2026 — semaine 1"
    std::optional<core::CivilDate> month;
    core::Instant deadline{};  // the last instant of an on-time booking, as DeadlineRules judges it
    int days_left = 0;         // whole days to the deadline, rounded up: 1 on the last day
    ReminderStep step = ReminderStep::first;
    std::string deadline_key;  // "session-12", "month-3-2026-11": the same for every step and every tick
};

// When the reminders of a deadline leave: the commune's settings reminder_first_days and reminder_second_days (0:
// that reminder is off).
struct ReminderTiming {
    int first_days = 3;
    int second_days = 1;

    [[nodiscard]] static ReminderTiming of(const catalog::Settings& settings);
};

// Returns the reminder step due when `remaining` is left before a deadline: the second once within second_days, the
// first once within first_days (only the latest step that applies, so that a child enrolled late gets one mail, not
// two), nothing before, nothing once the deadline passed.
[[nodiscard]] std::optional<ReminderStep> step_due(ReminderTiming timing, std::chrono::microseconds remaining);

// The pure planner of reminders: which deadlines that matter to a child are near at an instant and still have
// nothing booked. Reads the commune's catalogue (activities, sessions, school years, closures) and judges deadlines
// with DeadlineRules on the commune's clocks. Holds a reference: the catalogue must outlive it.
class ReminderPlanner {
  public:
    ReminderPlanner(const catalog::Catalog& catalog, core::TimeZone zone, ReminderTiming timing)
        : m_catalog(catalog), m_zone(zone), m_timing(timing) {}

    // The reminders due at `now` for the child, given his enrolments (every status: only accepted ones count) and
    // his bookings (every status: only booked days count; at least those from today to a year ahead):
    //  - for each holiday session he is enrolled for that has not started, with no day of it booked, whose on-time
    //    deadline (counted from the session's first day) is within the timing;
    //  - for each school-time activity he is enrolled in for the school year of next month, with no day of next
    //    month booked, when the on-time deadline of the month's first day the activity runs at his site is within
    //    the timing.
    // Fails only when the time zone database cannot answer.
    [[nodiscard]] core::Result<std::vector<DueReminder>> due(const ReminderChild& child,
                                                             const std::vector<Enrolment>& enrolments,
                                                             const std::vector<DayBooking>& bookings,
                                                             core::Instant now) const;

  private:
    [[nodiscard]] core::Result<std::optional<DueReminder>> for_session(const ReminderChild& child,
                                                                       const Enrolment& enrolment,
                                                                       const std::vector<DayBooking>& bookings,
                                                                       core::Instant now) const;
    [[nodiscard]] core::Result<std::optional<DueReminder>> for_next_month(const ReminderChild& child,
                                                                          const Enrolment& enrolment,
                                                                          const std::vector<DayBooking>& bookings,
                                                                          core::Instant now) const;

    const catalog::Catalog& m_catalog;
    core::TimeZone m_zone;
    ReminderTiming m_timing;
};

}  // namespace guichet::booking
