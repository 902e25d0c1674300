#pragma once

#include <string_view>

#include "catalog/rules.h"
#include "core/civil_date.h"
#include "core/instant.h"
#include "core/local_date_time.h"
#include "core/local_time.h"
#include "core/money.h"
#include "core/time_zone.h"

// What the booking module's tests share: the commune's time zone, readable dates and instants, and the rules of the
// town's guide. For tests only; no library source includes it.
namespace guichet::booking::testing {

inline core::TimeZone paris() {
    return core::TimeZone::locate("Europe/Paris").value();
}

inline core::CivilDate civil(std::string_view iso) {
    return core::CivilDate::parse_iso(iso).value();
}

inline core::LocalTime wall_time(std::string_view iso) {
    return core::LocalTime::parse_iso(iso).value();
}

// The instant at which clocks in Paris show `iso` ("2026-10-01T23:59:59"); a repeated reading gives its first instant.
inline core::Instant paris_time(std::string_view iso) {
    return paris().to_instant(core::LocalDateTime::parse_iso(iso).value()).value();
}

inline core::Instant utc(std::string_view iso) {
    return core::instant_from_iso_utc(iso).value();
}

inline catalog::Deadline days_before(int days, std::string_view at = "23:59:59",
                                     catalog::DayCounting counting = catalog::DayCounting::calendar) {
    return {days, wall_time(at), counting};
}

// School time (APPS matin and soir, TRAM, mercredis): on time until D − 14 at 23:59:59 or during the rentrée window
// (30 September), late with +50 % until D − 1 at 23:59:59; cancellations free until D − 14 and billed after.
inline catalog::ActivityRules school_rules() {
    catalog::ActivityRules rules;
    rules.booking.on_time = days_before(14);
    rules.booking.cutoff = days_before(1);
    rules.booking.late_surcharge = catalog::PercentSurcharge{50};
    rules.booking.rentree_window = catalog::BookingRule::MonthDay{9, 30};
    rules.cancellation.free_until = days_before(14);
    rules.cancellation.late_cancellation_billed = true;
    return rules;
}

// Holiday sessions: on time until the session's first day − 28 at 23:59:59, late with a flat 1,00 € until D − 1.
inline catalog::ActivityRules holiday_rules() {
    catalog::ActivityRules rules;
    rules.booking.on_time = days_before(28);
    rules.booking.cutoff = days_before(1);
    rules.booking.late_surcharge = catalog::FlatSurcharge{core::Money::from_cents(100)};
    rules.cancellation.free_until = days_before(28);
    rules.cancellation.late_cancellation_billed = true;
    return rules;
}

}  // namespace guichet::booking::testing
