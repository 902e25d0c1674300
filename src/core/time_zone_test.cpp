#include "core/time_zone.h"

#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

using namespace std::chrono_literals;

Instant utc(std::string_view text) {
    return instant_from_iso_utc(text).value();
}

LocalDateTime local(std::string_view text) {
    return LocalDateTime::parse_iso(text).value();
}

TimeZone paris() {
    return TimeZone::locate("Europe/Paris").value();
}

struct ConversionCase {
    std::string_view instant;
    std::string_view local;
};

TEST(TimeZoneLocate, FindsZonesByTheirIanaName) {
    const std::string_view cases[] = {"Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea"};
    for (std::string_view name : cases) {
        SCOPED_TRACE(std::string(name));
        const auto zone = TimeZone::locate(name);
        ASSERT_TRUE(zone.has_value()) << describe(zone.error());
        EXPECT_EQ(zone->name(), name);
    }
    EXPECT_EQ(paris(), paris());
    EXPECT_NE(paris(), TimeZone::locate("Indian/Reunion").value());
}

TEST(TimeZoneLocate, RejectsUnknownNamesWithoutThrowing) {
    const std::string_view cases[] = {"Europe/Pariss",
                                      "europe/paris",
                                      "",
                                      "Mars/Olympus_Mons",
                                      "../../etc/passwd",
                                      "Europe/Paris ",
                                      "/usr/share/zoneinfo/Europe/Paris"};
    for (std::string_view name : cases) {
        SCOPED_TRACE(std::string(name));
        const auto zone = TimeZone::locate(name);
        ASSERT_FALSE(zone.has_value());
        EXPECT_EQ(zone.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(zone.error().key, "err_time_zone_unknown");
    }
}

TEST(TimeZoneToLocal, AppliesWinterAndSummerOffsetsInParis) {
    const ConversionCase cases[] = {
        {"2024-01-15T12:00:00Z", "2024-01-15T13:00:00"},  // winter, UTC+1
        {"2019-06-21T10:06:00Z", "2019-06-21T12:06:00"},  // summer, UTC+2
        {"2024-12-31T23:30:00Z", "2025-01-01T00:30:00"},  // the offset can change the date
        {"2024-03-31T00:59:59Z", "2024-03-31T01:59:59"},  // last second of winter time
        {"2024-03-31T01:00:00Z", "2024-03-31T03:00:00"},  // clocks spring forward from 02:00 to 03:00
        {"2024-10-27T00:59:59Z", "2024-10-27T02:59:59"},  // last second of summer time
        {"2024-10-27T01:00:00Z", "2024-10-27T02:00:00"},  // clocks fall back from 03:00 to 02:00
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.instant));
        EXPECT_EQ(paris().to_local(utc(c.instant)), local(c.local));
    }
}

TEST(TimeZoneToLocal, DropsFractionsOfASecondTowardThePast) {
    EXPECT_EQ(paris().to_local(utc("2019-06-21T10:06:59.999999Z")), local("2019-06-21T12:06:59"));
    EXPECT_EQ(paris().to_local(Instant{-1us}), local("1970-01-01T00:59:59"));
}

TEST(TimeZoneToLocal, FormatsTheSolsticeExampleInFrench) {
    EXPECT_EQ(paris().to_local(utc("2019-06-21T10:06:00Z")).format_fr(), "21/06/2019 \u00E0 12:06");
}

TEST(TimeZoneToInstant, InvertsUnambiguousReadings) {
    const ConversionCase cases[] = {
        {"2024-01-15T12:00:00Z", "2024-01-15T13:00:00"}, {"2019-06-21T10:06:00Z", "2019-06-21T12:06:00"},
        {"2024-12-31T23:30:00Z", "2025-01-01T00:30:00"}, {"2024-03-31T00:59:59Z", "2024-03-31T01:59:59"},
        {"2024-03-31T01:00:00Z", "2024-03-31T03:00:00"}, {"2024-10-27T02:00:00Z", "2024-10-27T03:00:00"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.local));
        EXPECT_EQ(paris().to_instant(local(c.local)).value(), utc(c.instant));
    }
}

TEST(TimeZoneToInstant, MovesReadingsInTheSpringGapForwardByTheGap) {
    struct Case {
        std::string_view typed;
        std::string_view instant;
        std::string_view shown;
    };
    const Case cases[] = {
        {"2024-03-31T02:00:00", "2024-03-31T01:00:00Z", "2024-03-31T03:00:00"},
        {"2024-03-31T02:30:00", "2024-03-31T01:30:00Z", "2024-03-31T03:30:00"},
        {"2024-03-31T02:59:59", "2024-03-31T01:59:59Z", "2024-03-31T03:59:59"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.typed));
        const Instant instant = paris().to_instant(local(c.typed)).value();
        EXPECT_EQ(instant, utc(c.instant));
        EXPECT_EQ(paris().to_local(instant), local(c.shown));
    }
}

TEST(TimeZoneToInstant, ResolvesAutumnRepeatedReadingsToTheEarlierInstant) {
    const ConversionCase cases[] = {
        {"2024-10-27T00:00:00Z", "2024-10-27T02:00:00"},  // 02:00 CEST, not 02:00 CET (01:00Z)
        {"2024-10-27T00:30:00Z", "2024-10-27T02:30:00"},  // 02:30 CEST, not 02:30 CET (01:30Z)
        {"2024-10-27T00:59:59Z", "2024-10-27T02:59:59"},  // 02:59:59 CEST, not 02:59:59 CET (01:59:59Z)
        {"2024-10-26T23:59:59Z", "2024-10-27T01:59:59"},  // just before the repeated hour: unique
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.local));
        EXPECT_EQ(paris().to_instant(local(c.local)).value(), utc(c.instant));
    }
}

TEST(TimeZoneToInstant, RoundTripsEveryQuarterHourOfAYearExceptTheRepeatedHour) {
    const TimeZone zone = paris();
    const Instant repeated_from = utc("2024-10-27T01:00:00Z");
    const Instant repeated_to = utc("2024-10-27T02:00:00Z");
    for (Instant instant = utc("2024-01-01T00:00:00Z"); instant < utc("2025-01-01T00:00:00Z"); instant += 15min) {
        // In the repeated hour the policy picks the earlier instant, one hour before the one converted.
        const bool repeated = instant >= repeated_from && instant < repeated_to;
        const Instant expected = repeated ? instant - 1h : instant;
        ASSERT_EQ(zone.to_instant(zone.to_local(instant)).value(), expected) << to_iso_utc(instant);
    }
}

TEST(TimeZoneToInstant, ResolvesRepeatedReadingsToTheLaterInstantWhenAsked) {
    struct Case {
        std::string_view local;
        std::string_view instant;
    };
    const Case cases[] = {
        {"2024-10-27T02:00:00", "2024-10-27T01:00:00Z"},  // 02:00 CET, not 02:00 CEST (00:00Z)
        {"2024-10-27T02:30:00", "2024-10-27T01:30:00Z"},  // 02:30 CET, not 02:30 CEST (00:30Z)
        {"2024-10-27T02:59:59", "2024-10-27T01:59:59Z"},
        {"2024-10-27T01:59:59", "2024-10-26T23:59:59Z"},  // unique readings are unaffected
        {"2024-10-27T03:00:00", "2024-10-27T02:00:00Z"},
        {"2024-03-31T02:30:00", "2024-03-31T01:30:00Z"},  // a gap is still moved forward by its length
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.local));
        EXPECT_EQ(paris().to_instant(local(c.local), TimeZone::RepeatedReading::later).value(), utc(c.instant));
    }
    EXPECT_EQ(paris().to_instant(local("2024-10-27T02:30:00"), TimeZone::RepeatedReading::earlier).value(),
              utc("2024-10-27T00:30:00Z"));
}

TEST(TimeZoneToIsoWithOffset, WritesTheLocalReadingAndTheOffsetInForce) {
    struct Case {
        std::string_view zone;
        std::string_view instant;
        std::string_view text;
    };
    const Case cases[] = {
        {"Europe/Paris", "2026-10-01T21:59:59Z", "2026-10-01T23:59:59+02:00"},
        {"Europe/Paris", "2026-12-01T22:59:59Z", "2026-12-01T23:59:59+01:00"},
        {"Europe/Paris", "2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00"},  // last second of winter time
        {"Europe/Paris", "2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00"},
        {"Europe/Paris", "2026-10-25T00:30:00Z", "2026-10-25T02:30:00+02:00"},  // the repeated hour, twice
        {"Europe/Paris", "2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00"},
        {"Europe/Paris", "2026-10-01T21:59:59.999999Z", "2026-10-01T23:59:59+02:00"},
        {"America/Cayenne", "2026-10-02T02:59:59Z", "2026-10-01T23:59:59-03:00"},
        {"Indian/Reunion", "2026-10-01T19:59:59Z", "2026-10-01T23:59:59+04:00"},
        {"Asia/Kolkata", "2026-10-01T18:29:59Z", "2026-10-01T23:59:59+05:30"},
        {"UTC", "2026-10-01T23:59:59Z", "2026-10-01T23:59:59+00:00"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.zone) + " " + std::string(c.instant));
        EXPECT_EQ(TimeZone::locate(c.zone).value().to_iso_with_offset(utc(c.instant)), c.text);
    }
}

TEST(TimeZoneToday, GivesTheCalendarDayInTheZone) {
    struct Case {
        std::string_view zone;
        std::string_view instant;
        std::string_view day;
    };
    const Case cases[] = {
        {"Europe/Paris", "2019-06-21T21:59:59Z", "2019-06-21"},
        {"Europe/Paris", "2019-06-21T22:00:00Z", "2019-06-22"},
        {"Europe/Paris", "2024-01-15T22:59:59Z", "2024-01-15"},
        {"Europe/Paris", "2024-01-15T23:00:00Z", "2024-01-16"},
        {"America/Cayenne", "2024-01-16T02:59:59Z", "2024-01-15"},  // UTC-3: still the previous day
        {"Indian/Reunion", "2024-01-15T20:00:00Z", "2024-01-16"},   // UTC+4: already the next day
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.zone) + " " + std::string(c.instant));
        const TimeZone zone = TimeZone::locate(c.zone).value();
        EXPECT_EQ(zone.today(utc(c.instant)), CivilDate::parse_iso(c.day).value());
    }
}

}  // namespace
}  // namespace guichet::core
