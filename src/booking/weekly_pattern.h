#pragma once

#include <vector>

#include "core/civil_date.h"
#include "core/weekday.h"

namespace guichet::booking {

// How often the chosen weekdays of a weekly pattern repeat.
enum class Recurrence { every_week, every_other_week };

// A booking by weekly pattern (réservation par semaine type): "every Monday and Thursday", "every other Wednesday".
struct WeeklyPattern {
    // The chosen days of the week; order and repetitions do not matter.
    std::vector<core::Weekday> weekdays;
    Recurrence recurrence = Recurrence::every_week;

    // Returns the candidate days of the pattern from `first` (included) until `end` (excluded), in ascending order:
    // the caller passes the first day of the next holidays or the day after the end of the school year as `end`.
    // Weeks run from Monday to Sunday and are counted from the week of `first`, so every other week keeps the days
    // of `first`'s week, of the second week after it, and so on, wherever `first` falls within its week. Returns no
    // day when `end` is not after `first` or no weekday is chosen. Days without service are not left out: the
    // caller filters them through the catalogue.
    [[nodiscard]] std::vector<core::CivilDate> expand(core::CivilDate first, core::CivilDate end) const;

    friend bool operator==(const WeeklyPattern&, const WeeklyPattern&) = default;
};

}  // namespace guichet::booking
