#pragma once

#include <optional>
#include <string>

#include "core/civil_date.h"
#include "core/ids.h"

namespace guichet::catalog {

// A day an agent closes a service (a strike, works, a staff training day): every activity at every site, or only
// one activity and/or one site.
struct Closure {
    core::ClosureId id{0};
    core::CommuneId commune{0};
    core::CivilDate day = core::CivilDate::from_sys_days(::date::sys_days{});
    std::optional<core::ActivityId> activity;  // none: every activity
    std::optional<core::SiteId> site;          // none: every site
    std::string reason;

    // True when the closure shuts this activity at this site on its day.
    [[nodiscard]] bool applies_to(core::ActivityId wanted_activity, core::SiteId wanted_site) const noexcept {
        return (!activity || *activity == wanted_activity) && (!site || *site == wanted_site);
    }

    friend bool operator==(const Closure&, const Closure&) = default;
};

}  // namespace guichet::catalog
