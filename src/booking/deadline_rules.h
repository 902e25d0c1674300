#pragma once

#include "booking/booked_day.h"
#include "booking/judgement.h"
#include "catalog/rules.h"
#include "core/instant.h"
#include "core/result.h"
#include "core/time_zone.h"

namespace guichet::booking {

// The deadline rules engine: judges whether a day of an activity can be booked or cancelled at a given instant, under
// the activity's rules (catalog::ActivityRules) and on the clocks of the commune. It knows nothing of places, of
// enrolments or of days without service: Explanation adds what the caller knows of those. Cheap to copy; safe to use
// from several threads at once.
//
// The rules, as the town's guide states them (every time in the commune's time zone):
//  - the on-time deadline counts from the booked day for school time, from the session's first day for a holiday
//    session (so every day of a session shares it);
//  - school-time bookings made by the end of the rentrée window (30 September at 23:59:59 of the year the school
//    year starts, when the rules have one) are on time for any day of that school year;
//  - after the on-time deadline a booking is late, with the surcharge, until the cut-off, which always counts from
//    the booked day itself; after the cut-off the day is closed;
//  - a cancellation is free until its own deadline (same reference day as the on-time deadline, no rentrée window),
//    then accepted until the cut-off, billed when the rules say so, and closed after.
// Deadlines are compared to the second: a booking made during the second a deadline shows (23:59:59.400) still
// counts as made by it. How deadlines falling on a change of the clocks are placed is told by deadline_instant.
class DeadlineRules {
  public:
    // Judges days under `rules` on the clocks of `zone`.
    DeadlineRules(catalog::ActivityRules rules, core::TimeZone zone);

    // Returns the verdict on `booked` for a booking or a cancellation made at `at`, with the deadlines it was judged
    // against. Fails with ErrorCode::invalid_input and "err_booking_day_before_period" when booked.period_start lies
    // after booked.day, with "err_booking_rentree_window_day" when the rules' rentrée window names a day that the
    // school year's first calendar year lacks (31 September), and with ErrorCode::unavailable when the time zone
    // database cannot answer.
    [[nodiscard]] core::Result<Judgement> judge(const BookedDay& booked, core::Instant at) const;

  private:
    // Returns the last instant of an on-time booking of `booked`, the rentrée window included, not after `cutoff`.
    [[nodiscard]] core::Result<core::Instant> on_time_until(const BookedDay& booked, core::Instant cutoff) const;

    // Returns the end of the rentrée window of the school year that starts on `school_year_start`.
    [[nodiscard]] core::Result<core::Instant> rentree_window_end(const catalog::BookingRule::MonthDay& window,
                                                                 core::CivilDate school_year_start) const;

    catalog::ActivityRules m_rules;
    core::TimeZone m_zone;
};

}  // namespace guichet::booking
