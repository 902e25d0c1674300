#include "booking/weekly_pattern.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "booking/rules_for_tests.h"

namespace guichet::booking {
namespace {

using core::Weekday;
using testing::civil;

WeeklyPattern every_week(std::vector<Weekday> weekdays) {
    return {std::move(weekdays), Recurrence::every_week};
}

WeeklyPattern every_other_week(std::vector<Weekday> weekdays) {
    return {std::move(weekdays), Recurrence::every_other_week};
}

TEST(WeeklyPattern, ExpandsTheChosenWeekdaysFromTheFirstDayUntilTheEnd) {
    struct Case {
        std::string_view name;
        WeeklyPattern pattern;
        std::string_view first;
        std::string_view end;
        std::vector<std::string_view> expected;
    };
    const WeeklyPattern mondays_thursdays = every_week({Weekday::monday, Weekday::thursday});
    const WeeklyPattern other_mondays_thursdays = every_other_week({Weekday::thursday, Weekday::monday});
    const Case cases[] = {
        {"every week, across a month, until the holidays' first day",
         mondays_thursdays,
         "2026-09-23",
         "2026-10-17",
         {"2026-09-24", "2026-09-28", "2026-10-01", "2026-10-05", "2026-10-08", "2026-10-12", "2026-10-15"}},
        {"every other week across a month: weeks counted from the first day's week",
         other_mondays_thursdays,
         "2026-09-23",
         "2026-10-17",
         {"2026-09-24", "2026-10-05", "2026-10-08"}},
        {"every other week from a Monday",
         other_mondays_thursdays,
         "2026-09-28",
         "2026-10-17",
         {"2026-09-28", "2026-10-01", "2026-10-12", "2026-10-15"}},
        {"every other Wednesday across the new year",
         every_other_week({Weekday::wednesday}),
         "2026-12-16",
         "2027-01-21",
         {"2026-12-16", "2026-12-30", "2027-01-13"}},
        {"every other Tuesday across 29 February 2028",
         every_other_week({Weekday::tuesday}),
         "2028-02-15",
         "2028-03-15",
         {"2028-02-15", "2028-02-29", "2028-03-14"}},
        {"the end is excluded", mondays_thursdays, "2026-10-12", "2026-10-15", {"2026-10-12"}},
        {"the first day is included", mondays_thursdays, "2026-10-15", "2026-10-16", {"2026-10-15"}},
        {"a weekday chosen twice gives its days once",
         every_week({Weekday::friday, Weekday::friday}),
         "2026-10-01",
         "2026-10-10",
         {"2026-10-02", "2026-10-09"}},
        {"no weekday chosen: no day", every_week({}), "2026-10-01", "2026-10-31", {}},
        {"an end before the first day: no day", mondays_thursdays, "2026-10-15", "2026-10-01", {}},
        {"an end on the first day: no day", mondays_thursdays, "2026-10-15", "2026-10-15", {}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        std::vector<core::CivilDate> expected;
        for (std::string_view day : c.expected) {
            expected.push_back(civil(day));
        }
        EXPECT_EQ(c.pattern.expand(civil(c.first), civil(c.end)), expected);
    }
}

}  // namespace
}  // namespace guichet::booking
