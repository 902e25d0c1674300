#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/rules.h"
#include "catalog/weekdays.h"
#include "core/ids.h"
#include "core/money.h"
#include "family/household.h"

namespace guichet::catalog {

// school_time: runs on the school weeks of a school year (accueil périscolaire, mercredi); holiday_session: runs in
// the holiday sessions agents define (accueil de loisirs des vacances).
enum class ActivityKind { school_time, holiday_session };

[[nodiscard]] std::string_view activity_kind_name(ActivityKind kind);
[[nodiscard]] std::optional<ActivityKind> activity_kind_from_name(std::string_view name);

// Who may enrol: children of these class levels, and/or of an age (in whole years) within the bounds. An empty
// set and no bounds admit every child.
struct Eligibility {
    std::set<family::ClassLevel> class_levels;
    std::optional<int> min_age;
    std::optional<int> max_age;

    friend bool operator==(const Eligibility&, const Eligibility&) = default;
};

// A site an activity runs at, with its places per day there.
struct ActivitySite {
    core::SiteId site{0};
    int capacity = 0;  // > 0

    friend bool operator==(const ActivitySite&, const ActivitySite&) = default;
};

// Something a family books by the day: the accueil du matin, the accueil du soir, the mercredi, the vacances.
// `code` is stable (a lowercase slug like "apps-matin") and unique in its commune. A holiday activity's sites and
// capacities are those of its sessions; `sites` then lists where it may run.
struct Activity {
    core::ActivityId id{0};
    core::CommuneId commune{0};
    std::string code;
    std::string name;         // French: "Accueil périscolaire du matin"
    std::string description;  // one short sentence, French
    ActivityKind kind = ActivityKind::school_time;
    std::vector<ActivitySite> sites;
    Eligibility eligibility;
    Weekdays weekdays;              // school_time only: the days of a school week it opens
    std::string tariff_category;    // a code billing will read ("apps", "alsh")
    core::Money unit_price;         // per day
    bool needs_validation = false;  // an enrolment waits for an agent's validation
    ActivityRules rules;

    // The places per day at a site, or nothing when the activity does not run there.
    [[nodiscard]] std::optional<int> capacity_at(core::SiteId site) const;

    friend bool operator==(const Activity&, const Activity&) = default;
};

// True for a lowercase slug: letters a–z, digits and single hyphens inside, 1 to 64 characters ("apps-matin").
[[nodiscard]] bool is_code(std::string_view text);

}  // namespace guichet::catalog
