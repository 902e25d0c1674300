#pragma once

#include <string>
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
    // Which of its two instants a reading repeated when clocks fall back stands for: the first time the clocks show
    // it (summer time) or the second (winter time).
    enum class RepeatedReading { earlier, later };

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

    // The same as to_instant(local), except that a reading that appears twice gives the instant `repeated` names.
    // Deadlines use RepeatedReading::later, so that a deadline never comes before the time the town announced.
    [[nodiscard]] Result<Instant> to_instant(LocalDateTime local, RepeatedReading repeated) const;

    // Returns the ISO 8601 reading of `instant` in this zone with its UTC offset, e.g. "2026-10-01T23:59:59+02:00"
    // in summer and "2026-12-01T23:59:59+01:00" in winter in Europe/Paris ("+00:00" for UTC, never "Z"). Fractions
    // of a second are dropped toward the past, as in to_local, with its precondition. Offsets are written to the
    // minute; the few historical offsets with seconds (local mean time before 1911 in Paris) lose their seconds.
    [[nodiscard]] std::string to_iso_with_offset(Instant instant) const;

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
