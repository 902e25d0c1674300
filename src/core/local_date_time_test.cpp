#include "core/local_date_time.h"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

LocalDateTime at(int year, unsigned month, unsigned day, unsigned hour, unsigned minute, unsigned second = 0) {
    return LocalDateTime(CivilDate::from_ymd(year, month, day).value(),
                         LocalTime::from_hms(hour, minute, second).value());
}

TEST(LocalDateTimeFormatFr, WritesDateThenTimeJoinedByA) {
    struct Case {
        LocalDateTime reading;
        std::string_view text;
    };
    // "\u00E0" is LATIN SMALL LETTER A WITH GRAVE, spelled out so that the expected bytes are unambiguous.
    const Case cases[] = {{at(2019, 6, 21, 12, 6), "21/06/2019 \u00E0 12:06"},
                          {at(2020, 1, 5, 9, 0, 59), "05/01/2020 \u00E0 09:00"},
                          {at(2024, 12, 31, 23, 59, 59), "31/12/2024 \u00E0 23:59"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        EXPECT_EQ(c.reading.format_fr(), c.text);
    }
    EXPECT_EQ(at(2019, 6, 21, 12, 6).format_fr(), "21/06/2019 \xC3\xA0 12:06");
}

TEST(LocalDateTimeIso, WritesAndReadsTheIsoForm) {
    struct Case {
        std::string_view text;
        LocalDateTime reading;
        std::string_view canonical;
    };
    const Case cases[] = {{"2019-06-21T12:06", at(2019, 6, 21, 12, 6), "2019-06-21T12:06:00"},
                          {"2019-06-21T12:06:07", at(2019, 6, 21, 12, 6, 7), "2019-06-21T12:06:07"},
                          {"2024-02-29T00:00", at(2024, 2, 29, 0, 0), "2024-02-29T00:00:00"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        const auto parsed = LocalDateTime::parse_iso(c.text);
        ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
        EXPECT_EQ(*parsed, c.reading);
        EXPECT_EQ(parsed->to_iso(), c.canonical);
    }
}

TEST(LocalDateTimeIso, RejectsOtherSpellings) {
    const std::string_view cases[] = {
        "2019-06-21",       "2019-06-21T",      "2019-06-21 12:06", "2019-06-21T12:06Z", "2019-02-30T12:06",
        "2019-06-21T24:00", "21/06/2019 12:06", "2019-06-21t12:06", "2019-06-21T12:06:", "2019-06-21T12:06:00.5"};
    for (std::string_view text : cases) {
        SCOPED_TRACE(std::string(text));
        const auto parsed = LocalDateTime::parse_iso(text);
        ASSERT_FALSE(parsed.has_value());
        EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    }
}

TEST(LocalDateTimeParts, KeepsTheDateAndTheTime) {
    const LocalDateTime reading = at(2019, 6, 21, 12, 6, 30);
    EXPECT_EQ(reading.date(), CivilDate::from_ymd(2019, 6, 21).value());
    EXPECT_EQ(reading.time(), LocalTime::from_hms(12, 6, 30).value());
}

TEST(LocalDateTimeLocalSeconds, CountsFromTheEpochOnTheSameWallClock) {
    struct Case {
        LocalDateTime reading;
        long long seconds;
    };
    const Case cases[] = {{at(1970, 1, 1, 0, 0), 0},
                          {at(1970, 1, 2, 0, 0, 1), 86401},
                          {at(2019, 6, 21, 12, 6), 1561118760},
                          {at(1969, 12, 31, 23, 59, 59), -1}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.reading.to_iso());
        EXPECT_EQ(c.reading.to_local_seconds().time_since_epoch().count(), c.seconds);
        EXPECT_EQ(LocalDateTime::from_local_seconds(c.reading.to_local_seconds()), c.reading);
    }
}

TEST(LocalDateTimeComparison, OrdersByDateThenTime) {
    EXPECT_LT(at(2019, 6, 21, 23, 59), at(2019, 6, 22, 0, 0));
    EXPECT_LT(at(2019, 6, 21, 8, 0), at(2019, 6, 21, 9, 0));
    EXPECT_GT(at(2020, 1, 1, 0, 0), at(2019, 12, 31, 23, 59, 59));
    EXPECT_EQ(at(2019, 6, 21, 12, 6), LocalDateTime::parse_iso("2019-06-21T12:06:00").value());
    EXPECT_NE(at(2019, 6, 21, 12, 6), at(2019, 6, 21, 12, 6, 1));
}

}  // namespace
}  // namespace guichet::core
