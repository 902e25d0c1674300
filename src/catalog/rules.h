#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "core/civil_date.h"
#include "core/local_time.h"
#include "core/money.h"

namespace guichet::catalog {

// The booking and cancellation rules of an activity, as data: the catalogue holds them (and its file spells them out),
// the booking module's rules engine judges a day against them. Every time is a wall-clock time in the commune's time
// zone.

// How the days of a delay are counted: every calendar day, or working days only (weekends and French public holidays
// left out).
enum class DayCounting { calendar, working };

// "`days` days before the reference day, at `time`": the reference day is the booked day for a school-time activity,
// the first day of the session for a holiday session. With `days` = 14, `time` = 23:59:59 and calendar counting, a
// booking for 15 October is on time until 1 October at 23:59:59.
struct Deadline {
    int days = 0;  // >= 0
    core::LocalTime time = core::LocalTime::midnight();
    DayCounting counting = DayCounting::calendar;

    friend bool operator==(const Deadline&, const Deadline&) = default;
};

// A surcharge (majoration) on a late booking: a percentage of the unit price, or a flat amount per day.
struct PercentSurcharge {
    int percent = 0;  // 0..1000
    friend bool operator==(const PercentSurcharge&, const PercentSurcharge&) = default;
};
struct FlatSurcharge {
    core::Money amount = core::Money::from_cents(0);  // >= 0
    friend bool operator==(const FlatSurcharge&, const FlatSurcharge&) = default;
};
using Surcharge = std::variant<PercentSurcharge, FlatSurcharge>;

// Booking: on time until `on_time`; late (accepted while a place is free, with `late_surcharge`) until `cutoff`;
// closed after. `cutoff` is counted from the booked day itself, also in a holiday session.
struct BookingRule {
    Deadline on_time;
    Deadline cutoff;
    Surcharge late_surcharge = PercentSurcharge{0};
    // The rentrée window: school-time bookings made on or before this day of the school year (month and day, e.g.
    // 30 September) at 23:59:59 are on time for any day of that year. Empty: no such window (holiday sessions).
    struct MonthDay {
        unsigned month = 9;
        unsigned day = 30;
        friend bool operator==(const MonthDay&, const MonthDay&) = default;
    };
    std::optional<MonthDay> rentree_window;

    friend bool operator==(const BookingRule&, const BookingRule&) = default;
};

// Cancellation: free until `free_until`; after it, a cancellation is still accepted until the booking rule's cut-off,
// and the day is billed when `late_cancellation_billed`.
struct CancellationRule {
    Deadline free_until;
    bool late_cancellation_billed = true;

    friend bool operator==(const CancellationRule&, const CancellationRule&) = default;
};

struct ActivityRules {
    BookingRule booking;
    CancellationRule cancellation;

    friend bool operator==(const ActivityRules&, const ActivityRules&) = default;
};

}  // namespace guichet::catalog
