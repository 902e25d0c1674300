#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace guichet::core {

// A time of day on a wall clock, to the second, with no date and no time zone: the opening of a counter, the start
// of an activity. Runs from 00:00:00 to 23:59:59; a leap second is not representable, as no town schedules one.
class LocalTime {
  public:
    // Returns `hour`:`minute`:`second`. Fails with ErrorCode::invalid_input unless hour < 24, minute < 60 and
    // second < 60.
    [[nodiscard]] static Result<LocalTime> from_hms(unsigned hour, unsigned minute, unsigned second = 0);

    // Returns the time `seconds` after midnight. The caller guarantees 0 <= seconds < 86400; this is checked by an
    // assertion in debug builds.
    [[nodiscard]] static LocalTime from_seconds_since_midnight(std::int32_t seconds) noexcept;

    // Returns 00:00:00, the start of a day.
    [[nodiscard]] static constexpr LocalTime midnight() noexcept { return LocalTime(0); }

    // Reads "HH:MM" (what HTML time inputs send) or "HH:MM:SS", both with exactly two digits per field, e.g. "09:05"
    // or "23:59:30". Any other spelling or an out-of-range field fails with ErrorCode::invalid_input.
    [[nodiscard]] static Result<LocalTime> parse_iso(std::string_view text);

    // Return the parts: hour in 0..23, minute in 0..59, second in 0..59.
    [[nodiscard]] constexpr unsigned hour() const noexcept { return static_cast<unsigned>(m_seconds / 3600); }
    [[nodiscard]] constexpr unsigned minute() const noexcept { return static_cast<unsigned>(m_seconds / 60 % 60); }
    [[nodiscard]] constexpr unsigned second() const noexcept { return static_cast<unsigned>(m_seconds % 60); }

    // Returns the number of seconds elapsed since midnight, in 0..86399.
    [[nodiscard]] constexpr std::int32_t seconds_since_midnight() const noexcept { return m_seconds; }

    // Returns "HH:MM:SS", which parse_iso reads back.
    [[nodiscard]] std::string to_iso() const;

    // Returns "HH:MM" as shown to French readers, e.g. "12:06" or "09:00". Seconds are dropped (not rounded), since
    // nobody is given an appointment to the second and rounding up could show a time that has not yet come.
    [[nodiscard]] std::string format_fr() const;

    // Times compare in the order they occur within a day.
    friend constexpr bool operator==(LocalTime, LocalTime) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(LocalTime, LocalTime) noexcept = default;

  private:
    constexpr explicit LocalTime(std::int32_t seconds) noexcept : m_seconds(seconds) {}

    std::int32_t m_seconds;
};

}  // namespace guichet::core
