#include "core/local_time.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

LocalTime hms(unsigned hour, unsigned minute, unsigned second = 0) {
    return LocalTime::from_hms(hour, minute, second).value();
}

TEST(LocalTimeFromHms, AcceptsTimesOfDayAndKeepsTheirParts) {
    struct Case {
        unsigned hour;
        unsigned minute;
        unsigned second;
        int seconds_since_midnight;
    };
    const Case cases[] = {{0, 0, 0, 0}, {12, 6, 0, 43560}, {23, 59, 59, 86399}, {9, 5, 30, 32730}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.seconds_since_midnight);
        const auto time = LocalTime::from_hms(c.hour, c.minute, c.second);
        ASSERT_TRUE(time.has_value());
        EXPECT_EQ(time->hour(), c.hour);
        EXPECT_EQ(time->minute(), c.minute);
        EXPECT_EQ(time->second(), c.second);
        EXPECT_EQ(time->seconds_since_midnight(), c.seconds_since_midnight);
        EXPECT_EQ(LocalTime::from_seconds_since_midnight(c.seconds_since_midnight), *time);
    }
}

TEST(LocalTimeFromHms, RejectsOutOfRangeFields) {
    struct Case {
        unsigned hour;
        unsigned minute;
        unsigned second;
    };
    const Case cases[] = {{24, 0, 0}, {0, 60, 0}, {0, 0, 60}, {23, 59, 60}, {100, 0, 0}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::to_string(c.hour) + ":" + std::to_string(c.minute) + ":" + std::to_string(c.second));
        const auto time = LocalTime::from_hms(c.hour, c.minute, c.second);
        ASSERT_FALSE(time.has_value());
        EXPECT_EQ(time.error().code, ErrorCode::invalid_input);
    }
}

TEST(LocalTimeParseIso, ReadsHoursMinutesAndOptionalSeconds) {
    struct Case {
        std::string_view text;
        LocalTime expected;
    };
    const Case cases[] = {
        {"12:06", hms(12, 6)}, {"09:05", hms(9, 5)}, {"00:00", LocalTime::midnight()}, {"23:59:30", hms(23, 59, 30)}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        const auto time = LocalTime::parse_iso(c.text);
        ASSERT_TRUE(time.has_value()) << describe(time.error());
        EXPECT_EQ(*time, c.expected);
    }
}

TEST(LocalTimeParseIso, RejectsOtherSpellingsAndImpossibleTimes) {
    const std::string_view cases[] = {"24:00", "12:60",   "12:00:60", "9:05", "12h06",  "12:6",      "12:06:",
                                      "",      "12:06:5", "12-06",    "1206", " 12:06", "12:06:00Z", "ab:cd"};
    for (std::string_view text : cases) {
        SCOPED_TRACE(std::string(text));
        const auto time = LocalTime::parse_iso(text);
        ASSERT_FALSE(time.has_value());
        EXPECT_EQ(time.error().code, ErrorCode::invalid_input);
    }
}

TEST(LocalTimeFormatting, WritesIsoWithSecondsAndFrenchWithoutThem) {
    struct Case {
        LocalTime time;
        std::string_view iso;
        std::string_view fr;
    };
    const Case cases[] = {{hms(12, 6), "12:06:00", "12:06"},
                          {hms(9, 0, 59), "09:00:59", "09:00"},
                          {LocalTime::midnight(), "00:00:00", "00:00"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.iso));
        EXPECT_EQ(c.time.to_iso(), c.iso);
        EXPECT_EQ(c.time.format_fr(), c.fr);
        EXPECT_EQ(LocalTime::parse_iso(c.time.to_iso()).value(), c.time);
    }
}

TEST(LocalTimeComparison, OrdersWithinTheDay) {
    EXPECT_LT(LocalTime::midnight(), hms(0, 0, 1));
    EXPECT_LT(hms(9, 59, 59), hms(10, 0));
    EXPECT_GT(hms(23, 0), hms(22, 59, 59));
    EXPECT_EQ(hms(12, 6), LocalTime::parse_iso("12:06:00").value());
}

}  // namespace
}  // namespace guichet::core
