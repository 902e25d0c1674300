#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

namespace guichet::core {

// A point on the universal timeline, to the microsecond, counted from 1970-01-01T00:00:00Z without leap seconds.
// Everything Guichet stores or compares (creation dates, session expiries, booking deadlines) is an Instant; a
// TimeZone turns it into the wall-clock reading of a town only for display and input.
using Instant = std::chrono::sys_time<std::chrono::microseconds>;

// Reads a UTC timestamp in the ISO 8601 form "YYYY-MM-DDTHH:MM:SSZ", e.g. "2019-06-21T10:06:00Z". A fraction of one
// to six digits may follow the seconds ("2019-06-21T10:06:00.250Z", as JavaScript's toISOString writes). The final
// "Z" is required and no other offset is accepted, so that a local time can never be mistaken for UTC. Any other
// spelling, or a date or time that does not exist, fails with ErrorCode::invalid_input.
[[nodiscard]] Result<Instant> instant_from_iso_utc(std::string_view text);

// Returns `instant` as "YYYY-MM-DDTHH:MM:SSZ" in UTC, e.g. "2019-06-21T10:06:00Z", which instant_from_iso_utc reads
// back. The fraction of a second is dropped (rounding toward the past, also before 1970) so that a printed time never
// lies in the future of the real one. The caller keeps `instant` within years 1..9999, which four digits can spell;
// this is checked by an assertion in debug builds.
[[nodiscard]] std::string to_iso_utc(Instant instant);

}  // namespace guichet::core
