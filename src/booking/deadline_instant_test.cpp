#include "booking/deadline_instant.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "booking/rules_for_tests.h"

namespace guichet::booking {
namespace {

using catalog::DayCounting;
using testing::civil;
using testing::days_before;
using testing::paris;

TEST(DayBefore, CountsCalendarDaysOrOnlyWorkingDays) {
    struct Case {
        std::string_view name;
        std::string_view reference;
        int days;
        DayCounting counting;
        std::string_view expected;
    };
    const Case cases[] = {
        {"the guide's example: D - 14 of 15 October is 1 October", "2026-10-15", 14, DayCounting::calendar,
         "2026-10-01"},
        {"calendar days cross a month end", "2026-11-03", 14, DayCounting::calendar, "2026-10-20"},
        {"calendar D - 14 crosses 29 February in a leap year", "2028-03-14", 14, DayCounting::calendar, "2028-02-29"},
        {"calendar D - 14 of the day after goes back to 1 March", "2028-03-15", 14, DayCounting::calendar,
         "2028-03-01"},
        {"28 days before 1 March 2028 is 2 February: February has 29 days", "2028-03-01", 28, DayCounting::calendar,
         "2028-02-02"},
        {"28 days before 1 March 2027 is 1 February", "2027-03-01", 28, DayCounting::calendar, "2027-02-01"},
        {"zero days is the reference day itself", "2026-10-17", 0, DayCounting::working, "2026-10-17"},
        {"one working day before a Monday is the Friday before", "2026-10-12", 1, DayCounting::working, "2026-10-09"},
        {"2 working days before Monday 4 May 2026 skip the weekend and Friday 1 May", "2026-05-04", 2,
         DayCounting::working, "2026-04-29"},
        {"one working day before Thursday 12 November skips Armistice day", "2026-11-12", 1, DayCounting::working,
         "2026-11-10"},
        {"five working days before a Monday are the Monday before", "2026-10-19", 5, DayCounting::working,
         "2026-10-12"},
        {"working days cross Easter Monday", "2026-04-08", 2, DayCounting::working, "2026-04-03"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        EXPECT_EQ(day_before(civil(c.reference), c.days, c.counting), civil(c.expected));
    }
}

TEST(DeadlineInstant, PlacesTheDeadlineOnTheCommunesClocksAndNeverEarlierOnADstDay) {
    struct Case {
        std::string_view name;
        std::string_view reference;
        catalog::Deadline deadline;
        std::string_view expected;
    };
    const Case cases[] = {
        {"23:59:59 in summer time", "2026-10-15", days_before(14), "2026-10-01T23:59:59+02:00"},
        {"23:59:59 in winter time", "2026-12-15", days_before(14), "2026-12-01T23:59:59+01:00"},
        {"2 working days before Monday 4 May 2026 at 12:00", "2026-05-04",
         days_before(2, "12:00:00", DayCounting::working), "2026-04-29T12:00:00+02:00"},
        {"the evening of the spring change is in summer time", "2026-04-12", days_before(14),
         "2026-03-29T23:59:59+02:00"},
        {"the evening before the spring change is in winter time", "2026-04-11", days_before(14),
         "2026-03-28T23:59:59+01:00"},
        {"the evening of the autumn change is in winter time", "2026-11-08", days_before(14),
         "2026-10-25T23:59:59+01:00"},
        {"the evening before the autumn change is in summer time", "2026-11-07", days_before(14),
         "2026-10-24T23:59:59+02:00"},
        {"02:30, skipped in spring, moves forward by the hour of the gap", "2026-04-12", days_before(14, "02:30:00"),
         "2026-03-29T03:30:00+02:00"},
        {"02:30, shown twice in autumn, is the second time (winter time)", "2026-11-08", days_before(14, "02:30:00"),
         "2026-10-25T02:30:00+01:00"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        const auto instant = deadline_instant(c.deadline, civil(c.reference), paris());
        ASSERT_TRUE(instant.has_value()) << core::describe(instant.error());
        EXPECT_EQ(paris().to_iso_with_offset(*instant), c.expected);
    }
}

}  // namespace
}  // namespace guichet::booking
