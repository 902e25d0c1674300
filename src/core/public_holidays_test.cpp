#include "core/public_holidays.h"

#include <string>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

CivilDate ymd(int year, unsigned month, unsigned day) {
    return CivilDate::from_ymd(year, month, day).value();
}

TEST(EasterSunday, MatchesPublishedDates) {
    // Published Easter Sundays, including the earliest (22 March) and latest (25 April) a date can take.
    const struct {
        int year;
        unsigned month;
        unsigned day;
    } cases[] = {{2026, 4, 5},  {2027, 3, 28}, {2028, 4, 16}, {2024, 3, 31}, {2025, 4, 20}, {2019, 4, 21},
                 {2000, 4, 23}, {1818, 3, 22}, {2285, 3, 22}, {1943, 4, 25}, {2038, 4, 25}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.year);
        EXPECT_EQ(easter_sunday(c.year), ymd(c.year, c.month, c.day));
    }
}

TEST(FrenchPublicHolidays, NameTheElevenDaysOfAYearAndNoOther) {
    const struct {
        unsigned month;
        unsigned day;
        const char* name;
    } year_2026[] = {{1, 1, "jour de l’an"},     {4, 6, "lundi de Pâques"}, {5, 1, "fête du Travail"},
                     {5, 8, "Victoire 1945"},    {5, 14, "Ascension"},      {5, 25, "lundi de Pentecôte"},
                     {7, 14, "fête nationale"},  {8, 15, "Assomption"},     {11, 1, "Toussaint"},
                     {11, 11, "Armistice 1918"}, {12, 25, "Noël"}};
    int found = 0;
    for (CivilDate day = ymd(2026, 1, 1); day <= ymd(2026, 12, 31); day = day.add_days(1)) {
        if (french_public_holiday(day)) {
            ++found;
        }
    }
    EXPECT_EQ(found, 11);
    for (const auto& c : year_2026) {
        SCOPED_TRACE(std::to_string(c.month) + "/" + std::to_string(c.day));
        const auto name = french_public_holiday(ymd(2026, c.month, c.day));
        ASSERT_TRUE(name.has_value());
        EXPECT_EQ(*name, c.name);
    }
    // Easter Sunday and Whit Sunday are Sundays, not public holidays of their own; 2027's moveable days move.
    EXPECT_FALSE(french_public_holiday(ymd(2026, 4, 5)));
    EXPECT_FALSE(french_public_holiday(ymd(2026, 5, 24)));
    EXPECT_EQ(french_public_holiday(ymd(2027, 3, 29)), "lundi de Pâques");
    EXPECT_EQ(french_public_holiday(ymd(2027, 5, 6)), "Ascension");
    EXPECT_EQ(french_public_holiday(ymd(2027, 5, 17)), "lundi de Pentecôte");
}

TEST(FrenchWorkingDays, LeaveOutWeekendsAndPublicHolidays) {
    EXPECT_TRUE(is_french_working_day(ymd(2026, 10, 15)));   // a Thursday
    EXPECT_FALSE(is_french_working_day(ymd(2026, 10, 17)));  // a Saturday
    EXPECT_FALSE(is_french_working_day(ymd(2026, 10, 18)));  // a Sunday
    EXPECT_FALSE(is_french_working_day(ymd(2026, 11, 11)));  // Armistice, a Wednesday
    EXPECT_FALSE(is_french_working_day(ymd(2026, 5, 14)));   // Ascension, a Thursday
    EXPECT_TRUE(is_french_working_day(ymd(2026, 5, 15)));    // the pont: a working day (no classes is the calendar's)
}

}  // namespace
}  // namespace guichet::core
