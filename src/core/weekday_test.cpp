#include "core/weekday.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

TEST(WeekdayNameFr, NamesEachDayInLowerCaseFrench) {
    struct Case {
        Weekday day;
        std::string_view name;
    };
    const Case cases[] = {
        {Weekday::monday, "lundi"},    {Weekday::tuesday, "mardi"},   {Weekday::wednesday, "mercredi"},
        {Weekday::thursday, "jeudi"},  {Weekday::friday, "vendredi"}, {Weekday::saturday, "samedi"},
        {Weekday::sunday, "dimanche"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        EXPECT_EQ(weekday_name_fr(c.day), c.name);
    }
}

TEST(WeekdayNameFr, ReturnsAnEmptyNameForAValueOutsideTheEnumeration) {
    EXPECT_TRUE(weekday_name_fr(static_cast<Weekday>(7)).empty());
}

TEST(Weekday, StartsTheWeekOnMonday) {
    EXPECT_EQ(static_cast<int>(Weekday::monday), 0);
    EXPECT_EQ(static_cast<int>(Weekday::sunday), 6);
}

}  // namespace
}  // namespace guichet::core
