#pragma once

#include <string_view>

#include <date/tz.h>

#include "core/civil_date.h"
#include "core/instant.h"
#include "core/local_date_time.h"
#include "core/result.h"

namespace guichet::core {

// An IANA time zone such as "Europe/Paris", read from the operating system's time zone database. Each town has one
// (overseas towns have others: "America/Cayenne", "Indian/Reunion"), and it turns stored Instants into the local
// readings people see, and local readings they type into Instants. Cheap to copy: it only points into the database,
// which lives for the whole program. Safe to use from several threads at once.
class TimeZone {
  public:
    // Finds the zone called `name`, e.g. "Europe/Paris". Fails with ErrorCode::invalid_input when the database has
    // no zone of that name (names are case-sensitive), and with ErrorCode::unavailable when the database itself cannot
    // be read. Never throws: the library's exceptions are turned into those errors here, and the zone's data is loaded
    // now so that the other member functions cannot fail later for want of it.
    [[nodiscard]] static Result<TimeZone> locate(std::string_view name);

    // Returns the zone's IANA name, e.g. "Europe/Paris". When `name` given to locate was an alias (a link in the
    // database), this may be the name of the zone it points to. The view stays valid for the whole program.
    [[nodiscard]] std::string_view name() const noexcept;

    // Returns the wall-clock reading of `instant` in this zone, e.g. 2019-06-21T10:06:00Z gives 21/06/2019 12:06 in
    // Europe/Paris. Fractions of a second are dropped, rounding toward the past. The caller keeps `instant` within
    // years 1..9999; this is checked by an assertion in debug builds.
    [[nodiscard]] LocalDateTime to_local(Instant instant) const;

    // Returns the instant at which clocks in this zone show `local`. Where daylight saving makes that ambiguous, the
    // policy is chosen so that a booking entered by a person always lands on a real instant, predictably:
    // - A reading that never appears on the clocks, because it falls in the hour skipped when they spring forward,
    //   is moved forward by the length of the gap: 2024-03-31 02:30 in Europe/Paris gives 03:30 CEST, 01:30Z.
    // - A reading that appears twice, because it falls in the hour repeated when clocks fall back, gives the earlier
    //   of its two instants: 2024-10-27 02:30 in Europe/Paris gives 02:30 CEST, 00:30Z (not 02:30 CET, 01:30Z).
    // Fails with ErrorCode::unavailable only if the time zone database cannot answer, which locate has ruled out.
    [[nodiscard]] Result<Instant> to_instant(LocalDateTime local) const;

    // Returns the calendar day it is in this zone at `now`: the date part of to_local(now), with its precondition.
    [[nodiscard]] CivilDate today(Instant now) const;

    // Two TimeZones are equal when they designate the same zone of the database.
    friend bool operator==(const TimeZone&, const TimeZone&) noexcept = default;

  private:
    explicit TimeZone(const date::time_zone* zone) noexcept : m_zone(zone) {}

    // Never null: locate is the only way to build a TimeZone and it only succeeds with a zone.
    const date::time_zone* m_zone;
};

}  // namespace guichet::core
