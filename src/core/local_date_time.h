#pragma once

#include <compare>
#include <string>
#include <string_view>

#include <date/date.h>

#include "core/civil_date.h"
#include "core/local_time.h"
#include "core/result.h"

namespace guichet::core {

// A date and a wall-clock time with no time zone, as written on a poster: "le 21/06/2019 à 12:06". It names an
// instant only once a TimeZone is chosen, and in a time zone with daylight saving some values name no instant or two
// (see TimeZone::to_instant). Stored instants are always Instant; this type is for input and display.
class LocalDateTime {
  public:
    // Joins a date and a time of day.
    constexpr LocalDateTime(CivilDate date, LocalTime time) noexcept : m_date(date), m_time(time) {}

    // Reads "YYYY-MM-DDTHH:MM" (what HTML datetime-local inputs send) or "YYYY-MM-DDTHH:MM:SS", with the rules of
    // CivilDate::parse_iso and LocalTime::parse_iso for each half. Anything else fails with ErrorCode::invalid_input.
    [[nodiscard]] static Result<LocalDateTime> parse_iso(std::string_view text);

    // Returns the wall-clock reading `local` counts from 1970-01-01 00:00:00, for exchanges with the date library.
    // The caller guarantees that it lies in years 1..9999; this is checked by an assertion in debug builds.
    [[nodiscard]] static LocalDateTime from_local_seconds(date::local_seconds local) noexcept;

    // Returns this reading as seconds from 1970-01-01 00:00:00 on the same wall clock, for the date library.
    [[nodiscard]] date::local_seconds to_local_seconds() const noexcept;

    // Return the two halves.
    [[nodiscard]] constexpr CivilDate date() const noexcept { return m_date; }
    [[nodiscard]] constexpr LocalTime time() const noexcept { return m_time; }

    // Returns "YYYY-MM-DDTHH:MM:SS", which parse_iso reads back.
    [[nodiscard]] std::string to_iso() const;

    // Returns the French reading "DD/MM/YYYY à HH:MM", e.g. "21/06/2019 à 12:06", in UTF-8. Seconds are dropped, as
    // in LocalTime::format_fr.
    [[nodiscard]] std::string format_fr() const;

    // Readings compare chronologically on the same wall clock: first by date, then by time.
    friend constexpr bool operator==(const LocalDateTime&, const LocalDateTime&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const LocalDateTime&, const LocalDateTime&) noexcept = default;

  private:
    CivilDate m_date;
    LocalTime m_time;
};

}  // namespace guichet::core
