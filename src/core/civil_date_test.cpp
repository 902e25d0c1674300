#include "core/civil_date.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

CivilDate ymd(int year, unsigned month, unsigned day) {
    return CivilDate::from_ymd(year, month, day).value();
}

TEST(CivilDateFromYmd, AcceptsRealDaysAndKeepsTheirParts) {
    struct Case {
        int year;
        unsigned month;
        unsigned day;
    };
    const Case cases[] = {{2019, 6, 21}, {2024, 2, 29}, {2000, 2, 29}, {1970, 1, 1}, {1, 1, 1}, {9999, 12, 31}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::to_string(c.year) + "-" + std::to_string(c.month) + "-" + std::to_string(c.day));
        const auto date = CivilDate::from_ymd(c.year, c.month, c.day);
        ASSERT_TRUE(date.has_value()) << describe(date.error());
        EXPECT_EQ(date->year(), c.year);
        EXPECT_EQ(date->month(), c.month);
        EXPECT_EQ(date->day(), c.day);
    }
}

TEST(CivilDateFromYmd, RejectsDaysThatDoNotExist) {
    struct Case {
        int year;
        unsigned month;
        unsigned day;
    };
    const Case cases[] = {{2019, 2, 29}, {1900, 2, 29}, {2019, 2, 30},  {2019, 4, 31},  {2019, 0, 1}, {2019, 13, 1},
                          {2019, 1, 0},  {2019, 1, 32}, {2019, 257, 1}, {2019, 1, 257}, {0, 1, 1},    {10000, 1, 1}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::to_string(c.year) + "-" + std::to_string(c.month) + "-" + std::to_string(c.day));
        const auto date = CivilDate::from_ymd(c.year, c.month, c.day);
        ASSERT_FALSE(date.has_value());
        EXPECT_EQ(date.error().code, ErrorCode::invalid_input);
        EXPECT_FALSE(date.error().key.empty());
    }
}

TEST(CivilDateParseIso, ReadsZeroPaddedYearMonthDay) {
    const auto date = CivilDate::parse_iso("2019-06-21");
    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(*date, ymd(2019, 6, 21));
    EXPECT_EQ(CivilDate::parse_iso("0001-01-01").value(), ymd(1, 1, 1));
}

TEST(CivilDateParseIso, RejectsOtherSpellingsAndImpossibleDays) {
    const std::string_view cases[] = {"2019-02-30", "2019-6-21",  "2019-06-21x", "2019-06-21T00:00", " 2019-06-21",
                                      "21/06/2019", "2019/06/21", "20190621",    "2019-06-2a",       "",
                                      "0000-01-01", "+201-06-21", "2019-13-01",  "2019--6-21",       "2019-06-00"};
    for (std::string_view text : cases) {
        SCOPED_TRACE(std::string(text));
        const auto date = CivilDate::parse_iso(text);
        ASSERT_FALSE(date.has_value());
        EXPECT_EQ(date.error().code, ErrorCode::invalid_input);
    }
}

TEST(CivilDateParseFr, ReadsDayMonthYearWithOneOrTwoDigitDayAndMonth) {
    struct Case {
        std::string_view text;
        CivilDate expected;
    };
    const Case cases[] = {{"21/06/2019", ymd(2019, 6, 21)},
                          {"01/01/2020", ymd(2020, 1, 1)},
                          {"1/6/2019", ymd(2019, 6, 1)},
                          {"29/02/2024", ymd(2024, 2, 29)}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        const auto date = CivilDate::parse_fr(c.text);
        ASSERT_TRUE(date.has_value()) << describe(date.error());
        EXPECT_EQ(*date, c.expected);
    }
}

TEST(CivilDateParseFr, RejectsOtherSpellingsAndImpossibleDays) {
    const std::string_view cases[] = {"29/02/2019",  "21/06/19", "21-06-2019", "2019-06-21", "021/06/2019",
                                      "21/06/2019/", "/06/2019", "21//2019",   "21/06/",     "",
                                      "21/06/2019 ", "a/06/2019"};
    for (std::string_view text : cases) {
        SCOPED_TRACE(std::string(text));
        const auto date = CivilDate::parse_fr(text);
        ASSERT_FALSE(date.has_value());
        EXPECT_EQ(date.error().code, ErrorCode::invalid_input);
    }
}

TEST(CivilDateFormatting, WritesIsoAndFrenchFormsWithZeroPadding) {
    struct Case {
        CivilDate date;
        std::string_view iso;
        std::string_view fr;
    };
    const Case cases[] = {{ymd(2019, 6, 21), "2019-06-21", "21/06/2019"},
                          {ymd(2020, 1, 5), "2020-01-05", "05/01/2020"},
                          {ymd(987, 12, 31), "0987-12-31", "31/12/0987"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.iso));
        EXPECT_EQ(c.date.to_iso(), c.iso);
        EXPECT_EQ(c.date.format_fr(), c.fr);
        EXPECT_EQ(CivilDate::parse_iso(c.date.to_iso()).value(), c.date);
        EXPECT_EQ(CivilDate::parse_fr(c.date.format_fr()).value(), c.date);
    }
}

TEST(CivilDateArithmetic, AddsDaysAcrossMonthsYearsAndLeapDays) {
    struct Case {
        CivilDate from;
        int days;
        CivilDate to;
    };
    const Case cases[] = {{ymd(2019, 6, 21), 0, ymd(2019, 6, 21)}, {ymd(2019, 6, 21), 10, ymd(2019, 7, 1)},
                          {ymd(2019, 12, 31), 1, ymd(2020, 1, 1)}, {ymd(2024, 2, 28), 1, ymd(2024, 2, 29)},
                          {ymd(2023, 2, 28), 1, ymd(2023, 3, 1)},  {ymd(2020, 1, 1), -1, ymd(2019, 12, 31)},
                          {ymd(2019, 1, 1), 365, ymd(2020, 1, 1)}, {ymd(2020, 1, 1), 366, ymd(2021, 1, 1)}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.from.to_iso() + " + " + std::to_string(c.days));
        EXPECT_EQ(c.from.add_days(c.days), c.to);
        EXPECT_EQ(c.from.days_until(c.to), c.days);
        EXPECT_EQ(c.to.days_until(c.from), -c.days);
    }
}

TEST(CivilDateWeekday, NamesTheRightDayOfTheWeek) {
    struct Case {
        CivilDate date;
        Weekday weekday;
    };
    const Case cases[] = {{ymd(2019, 6, 21), Weekday::friday},  {ymd(1970, 1, 1), Weekday::thursday},
                          {ymd(2024, 3, 31), Weekday::sunday},  {ymd(2024, 4, 1), Weekday::monday},
                          {ymd(2000, 2, 29), Weekday::tuesday}, {ymd(1, 1, 1), Weekday::monday}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.date.to_iso());
        EXPECT_EQ(c.date.weekday(), c.weekday);
    }
}

TEST(CivilDateComparison, OrdersChronologically) {
    EXPECT_LT(ymd(2019, 6, 21), ymd(2019, 6, 22));
    EXPECT_LT(ymd(2019, 12, 31), ymd(2020, 1, 1));
    EXPECT_GT(ymd(2020, 2, 1), ymd(2020, 1, 31));
    EXPECT_EQ(ymd(2019, 6, 21), CivilDate::parse_fr("21/06/2019").value());
    EXPECT_NE(ymd(2019, 6, 21), ymd(2019, 6, 20));
}

TEST(CivilDateSysDays, ConvertsToAndFromTheDateLibrary) {
    EXPECT_EQ(ymd(1970, 1, 2).to_sys_days().time_since_epoch().count(), 1);
    EXPECT_EQ(CivilDate::from_sys_days(date::sys_days{date::days{18068}}), ymd(2019, 6, 21));
}

}  // namespace
}  // namespace guichet::core
