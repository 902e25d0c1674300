#include "booking/weekly_pattern.h"

#include <algorithm>

namespace guichet::booking {

namespace {

// Returns the Monday of the week `day` falls in.
core::CivilDate monday_of(core::CivilDate day) {
    return day.add_days(-static_cast<int>(day.weekday()));
}

}  // namespace

std::vector<core::CivilDate> WeeklyPattern::expand(core::CivilDate first, core::CivilDate end) const {
    std::vector<core::CivilDate> days;
    const int step_in_weeks = recurrence == Recurrence::every_other_week ? 2 : 1;
    const core::CivilDate first_monday = monday_of(first);
    for (core::CivilDate day = first; day < end; day = day.add_days(1)) {
        const int week = first_monday.days_until(day) / 7;
        const bool chosen = std::find(weekdays.begin(), weekdays.end(), day.weekday()) != weekdays.end();
        if (chosen && week % step_in_weeks == 0) {
            days.push_back(day);
        }
    }
    return days;
}

}  // namespace guichet::booking
