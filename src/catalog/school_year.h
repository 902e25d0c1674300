#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/ids.h"

namespace guichet::catalog {

// A date of the school calendar as the town gives it: `to_be_confirmed` while the town has not confirmed it (the
// calendar page says so).
struct TownDate {
    core::CivilDate date = core::CivilDate::from_sys_days(::date::sys_days{});
    bool to_be_confirmed = false;

    friend bool operator==(const TownDate&, const TownDate&) = default;
};

// School holidays (vacances scolaires): from `first_day_off`, the first day without school, to `resume_day`, the
// day classes resume (not included). Toussaint 2025: 2025-10-18 → 2025-11-03.
struct SchoolHoliday {
    std::string name;  // "Vacances de la Toussaint"
    TownDate first_day_off;
    TownDate resume_day;

    friend bool operator==(const SchoolHoliday&, const SchoolHoliday&) = default;
};

// A day without school inside the school year that is neither a weekend, a public holiday nor part of the holidays:
// the pont de l'Ascension.
struct DayWithoutSchool {
    TownDate day;
    std::string reason;  // "Pont de l'Ascension"

    friend bool operator==(const DayWithoutSchool&, const DayWithoutSchool&) = default;
};

// A school year of one commune: from the rentrée (first school day) to the last school day, both included.
struct SchoolYear {
    core::SchoolYearId id{0};
    core::CommuneId commune{0};
    std::string label;  // "2025-2026", unique in the commune
    TownDate rentree;
    TownDate last_day;
    std::vector<SchoolHoliday> holidays;
    std::vector<DayWithoutSchool> days_without_school;

    // True when `day` lies between the rentrée and the last school day, both included.
    [[nodiscard]] bool contains(core::CivilDate day) const noexcept;
    // The holidays `day` falls in, or nothing.
    [[nodiscard]] const SchoolHoliday* holiday_on(core::CivilDate day) const noexcept;
    // The extra day without school `day` is, or nothing.
    [[nodiscard]] const DayWithoutSchool* day_without_school(core::CivilDate day) const noexcept;
    // True when any of its dates is still to be confirmed by the town.
    [[nodiscard]] bool has_dates_to_confirm() const noexcept;

    friend bool operator==(const SchoolYear&, const SchoolYear&) = default;
};

// True for a label "YYYY-YYYY" whose second year follows the first ("2025-2026").
[[nodiscard]] bool is_school_year_label(std::string_view label);

}  // namespace guichet::catalog
