#include "core/instant.h"

#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

// 2019-06-21T10:06:00Z, computed independently: 18068 days after the epoch plus 10 h 06 min.
constexpr Instant kSolstice{seconds{18068LL * 86400 + 10 * 3600 + 6 * 60}};

TEST(InstantFromIsoUtc, ReadsUtcTimestampsWithOptionalFractions) {
    struct Case {
        std::string_view text;
        Instant expected;
    };
    const Case cases[] = {
        {"2019-06-21T10:06:00Z", kSolstice},
        {"1970-01-01T00:00:00Z", Instant{}},
        {"1969-12-31T23:59:59Z", Instant{seconds{-1}}},
        {"2019-06-21T10:06:00.5Z", kSolstice + microseconds{500000}},
        {"2019-06-21T10:06:00.250Z", kSolstice + microseconds{250000}},
        {"2019-06-21T10:06:00.000001Z", kSolstice + microseconds{1}},
        {"2024-02-29T23:59:59Z", Instant{seconds{1709251199}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        const auto parsed = instant_from_iso_utc(c.text);
        ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
        EXPECT_EQ(*parsed, c.expected);
    }
}

TEST(InstantFromIsoUtc, RejectsLocalTimesOffsetsAndMalformedText) {
    const std::string_view cases[] = {
        "2019-06-21T10:06:00",           // no zone: could be a local time
        "2019-06-21T10:06:00+02:00",     // offsets are not accepted
        "2019-06-21T10:06:00z",          // lower-case z
        "2019-06-21T10:06Z",             // seconds are required
        "2019-06-21 10:06:00Z",          // space instead of T
        "2019-02-30T10:06:00Z",          // no such day
        "2019-06-21T24:00:00Z",          // no such hour
        "2019-06-21T10:06:00.Z",         // empty fraction
        "2019-06-21T10:06:00.1234567Z",  // finer than a microsecond
        "2019-06-21T10:06:00,5Z",        // comma fraction
        "2019-06-21T10:06:00.5xZ",       // junk in the fraction
        "2019-06-21T10:06:00Zjunk",      // trailing junk
        "",
    };
    for (std::string_view text : cases) {
        SCOPED_TRACE(std::string(text));
        const auto parsed = instant_from_iso_utc(text);
        ASSERT_FALSE(parsed.has_value());
        EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    }
}

TEST(ToIsoUtc, WritesSecondsPrecisionDroppingFractionsTowardThePast) {
    struct Case {
        Instant instant;
        std::string_view text;
    };
    const Case cases[] = {
        {kSolstice, "2019-06-21T10:06:00Z"},
        {kSolstice + microseconds{999999}, "2019-06-21T10:06:00Z"},
        {Instant{}, "1970-01-01T00:00:00Z"},
        {Instant{microseconds{-1}}, "1969-12-31T23:59:59Z"},
        {Instant{seconds{1709251199}}, "2024-02-29T23:59:59Z"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        EXPECT_EQ(to_iso_utc(c.instant), c.text);
    }
}

TEST(ToIsoUtc, IsReadBackByInstantFromIsoUtc) {
    const Instant cases[] = {kSolstice, Instant{}, Instant{seconds{-86400 * 365}}, Instant{seconds{4102444799}}};
    for (Instant instant : cases) {
        const std::string text = to_iso_utc(instant);
        SCOPED_TRACE(text);
        EXPECT_EQ(instant_from_iso_utc(text).value(), instant);
    }
}

}  // namespace
}  // namespace guichet::core
