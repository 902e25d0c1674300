#pragma once

#include <string_view>
#include <vector>

#include "catalog/activity.h"
#include "catalog/closure.h"
#include "catalog/holiday_session.h"
#include "catalog/school_year.h"
#include "catalog/settings.h"
#include "catalog/site.h"

namespace guichet::catalog {

// Everything a commune offers, in one value: what the calendar reads, what the catalogue file holds.
struct Catalog {
    std::vector<Site> sites;
    std::vector<Activity> activities;
    std::vector<SchoolYear> school_years;
    std::vector<HolidaySession> sessions;
    std::vector<Closure> closures;
    Settings settings;  // offer delay, absence delays, reminder timing… (settings.cpp)

    // Each returns the entry with that id or code, or nullptr.
    [[nodiscard]] const Site* site(core::SiteId id) const noexcept;
    [[nodiscard]] const Site* site_by_code(std::string_view code) const noexcept;
    [[nodiscard]] const Activity* activity(core::ActivityId id) const noexcept;
    [[nodiscard]] const Activity* activity_by_code(std::string_view code) const noexcept;
    [[nodiscard]] const HolidaySession* session(core::HolidaySessionId id) const noexcept;
    [[nodiscard]] const HolidaySession* session_by_code(std::string_view code) const noexcept;
    [[nodiscard]] const SchoolYear* school_year_by_label(std::string_view label) const noexcept;

    friend bool operator==(const Catalog&, const Catalog&) = default;
};

}  // namespace guichet::catalog
