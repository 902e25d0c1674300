#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/allocation_rules.h"
#include "catalog/weekdays.h"
#include "core/civil_date.h"
#include "core/ids.h"

namespace guichet::catalog {

// The places per day of a holiday session at one site.
struct SessionSite {
    core::SiteId site{0};
    int capacity = 0;  // > 0

    friend bool operator==(const SessionSite&, const SessionSite&) = default;
};

// A run of days of a holiday activity that agents define ("Vacances de la Toussaint 2026 — semaine 1"): families
// book its days; the booking deadline counts from its first day. `code` is unique in the commune.
struct HolidaySession {
    core::HolidaySessionId id{0};
    core::CommuneId commune{0};
    std::string code;  // "toussaint-2026-s1"
    std::string name;
    core::ActivityId activity{0};
    core::CivilDate first_day = core::CivilDate::from_sys_days(::date::sys_days{});
    core::CivilDate last_day = first_day;  // included, >= first_day
    std::vector<SessionSite> sites;
    Weekdays weekdays = Weekdays::monday_to_friday();
    // First come, or a pre-registration window with its published priorities (the file's "allocation" member).
    SessionAllocation allocation;

    [[nodiscard]] bool covers(core::CivilDate day) const noexcept { return first_day <= day && day <= last_day; }
    // The places per day at a site, or nothing when the session does not run there.
    [[nodiscard]] std::optional<int> capacity_at(core::SiteId site) const;

    friend bool operator==(const HolidaySession&, const HolidaySession&) = default;
};

}  // namespace guichet::catalog
