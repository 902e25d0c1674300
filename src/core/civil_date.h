#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

#include "core/result.h"
#include "core/weekday.h"

namespace guichet::core {

// A day of the calendar with no time of day and no time zone: a birth date, the first day of a school term, the day
// of a canteen meal. Which instant a day starts at depends on the town's zone, see TimeZone. Years run from 1 to
// 9999, the range that four-digit spellings can express; every CivilDate that exists lies in that range.
class CivilDate {
  public:
    // Returns the date `day`/`month`/`year` (proleptic Gregorian calendar). Fails with ErrorCode::invalid_input when
    // the year lies outside 1..9999 or when the day does not exist in that month, such as 30 February.
    [[nodiscard]] static Result<CivilDate> from_ymd(int year, unsigned month, unsigned day);

    // Reads the ISO 8601 form "YYYY-MM-DD" used by HTML date inputs and JSON, e.g. "2019-06-21". Exactly ten
    // characters with zero padding are required, so "2019-6-21", surrounding spaces and trailing text all fail with
    // ErrorCode::invalid_input, as does a day that does not exist, such as "2019-02-30".
    [[nodiscard]] static Result<CivilDate> parse_iso(std::string_view text);

    // Reads the French form "DD/MM/YYYY", e.g. "21/06/2019". The day and the month may have one or two digits, since
    // people type "1/6/2019"; the year must have four. Anything else fails with ErrorCode::invalid_input.
    [[nodiscard]] static Result<CivilDate> parse_fr(std::string_view text);

    // Returns the date of the day `days` counts from 1970-01-01, for exchanges with the date library. The caller
    // guarantees that the day lies in years 1..9999; this is checked by an assertion in debug builds.
    [[nodiscard]] static CivilDate from_sys_days(date::sys_days days) noexcept;

    // Returns this date as a day count from 1970-01-01, for exchanges with the date library.
    [[nodiscard]] date::sys_days to_sys_days() const noexcept;

    // Return the parts of the date: a year in 1..9999, a month in 1..12 and a day in 1..31.
    [[nodiscard]] int year() const noexcept;
    [[nodiscard]] unsigned month() const noexcept;
    [[nodiscard]] unsigned day() const noexcept;

    // Returns the day of the week this date falls on.
    [[nodiscard]] Weekday weekday() const noexcept;

    // Returns the date `days` days later (earlier when negative). The caller keeps the result in years 1..9999;
    // this is checked by an assertion in debug builds.
    [[nodiscard]] CivilDate add_days(int days) const noexcept;

    // Returns how many days separate this date from `other`: positive when `other` is later, negative when it is
    // earlier, zero when they are the same day. So `a.add_days(a.days_until(b)) == b` always holds.
    [[nodiscard]] int days_until(CivilDate other) const noexcept;

    // Returns the ISO 8601 form "YYYY-MM-DD", which parse_iso reads back.
    [[nodiscard]] std::string to_iso() const;

    // Returns the French form "DD/MM/YYYY" with zero padding, e.g. "21/06/2019", which parse_fr reads back.
    [[nodiscard]] std::string format_fr() const;

    // Dates compare chronologically.
    friend constexpr bool operator==(CivilDate, CivilDate) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(CivilDate, CivilDate) noexcept = default;

  private:
    constexpr explicit CivilDate(std::int32_t days_since_epoch) noexcept : m_days_since_epoch(days_since_epoch) {}

    // A single day count makes comparison and arithmetic trivial; the calendar parts are derived on demand.
    std::int32_t m_days_since_epoch;
};

}  // namespace guichet::core
