#pragma once

#include "core/civil_date.h"

namespace guichet::booking {

// Which set of deadlines a day of an activity follows: school time (périscolaire: APPS matin and soir, TRAM,
// mercredis), whose deadlines count from the booked day and which may open a rentrée window, or a holiday session
// (vacances), whose on-time deadline counts from the session's first day.
enum class ActivityKind { school_time, holiday_session };

// One day of an activity, as the rules engine needs to see it.
struct BookedDay {
    ActivityKind kind = ActivityKind::school_time;
    // The day the child would attend.
    core::CivilDate day;
    // For a holiday session, its first day: every day of the session shares the on-time deadline counted from it.
    // For school time, the first day of the school year (or its rentrée): the rentrée window ends on its day of the
    // year the school year starts, so a day in June 2027 with a start in September 2026 has its window end on
    // 30/09/2026. It never lies after `day`: DeadlineRules::judge refuses such a day.
    core::CivilDate period_start;
};

}  // namespace guichet::booking
