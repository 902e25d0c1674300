#pragma once

#include <optional>
#include <string_view>

#include "catalog/catalog.h"

namespace guichet::catalog {

// Why an activity does not run on a day, in the order ServiceCalendar checks them.
enum class NoService {
    weekend,
    public_holiday,
    outside_school_year,  // school_time: no school year of the commune holds the day
    school_holiday,       // school_time: the day is in the school holidays
    no_school_day,        // school_time: an extra day without school (pont de l'Ascension)
    site_not_served,      // the activity (or, for a holiday activity, no session of the day) does not run there
    no_session,           // holiday_session: no session of the activity covers the day
    not_an_opening_day,   // the activity's (or session's) weekdays leave this one out
    closure,              // an agent closed the day
};

[[nodiscard]] std::string_view no_service_name(NoService reason);

// The answer for one (activity, site, day): open, and for a holiday activity in which session; or why not.
struct Opening {
    bool open = false;
    std::optional<NoService> reason;                // set when !open
    std::optional<core::HolidaySessionId> session;  // set when open for a holiday activity

    [[nodiscard]] static Opening yes(std::optional<core::HolidaySessionId> session = std::nullopt) {
        return {true, std::nullopt, session};
    }
    [[nodiscard]] static Opening no(NoService why) { return {false, why, std::nullopt}; }

    friend bool operator==(const Opening&, const Opening&) = default;
};

// Reads a commune's catalogue to say which days each activity runs: pure, no storage, no clock. A school-time
// activity runs on its weekdays of the school weeks: inside a school year, outside holidays, days without school
// and public holidays. A holiday activity runs on the days of its sessions (their weekdays, public holidays left
// out). A closure shuts what it names. Holds a reference: the catalogue must outlive it.
class ServiceCalendar {
  public:
    explicit ServiceCalendar(const Catalog& catalog) : m_catalog(catalog) {}

    // Whether `activity` runs at `site` on `day`. An activity of another commune or unknown ids count as not run
    // there (site_not_served).
    [[nodiscard]] Opening opening(core::ActivityId activity, core::SiteId site, core::CivilDate day) const;
    // The places of `activity` at `site` on `day`: the activity's (school time) or the session's (holidays)
    // capacity there; 0 when it does not run.
    [[nodiscard]] int capacity(core::ActivityId activity, core::SiteId site, core::CivilDate day) const;
    // The school year whose rentrée and last school day enclose `day`, or nullptr (summer, or no year entered): the
    // booking rules read its rentrée window.
    [[nodiscard]] const SchoolYear* school_year_of(core::CivilDate day) const noexcept;
    // The closure that shuts the activity at the site that day, or nullptr.
    [[nodiscard]] const Closure* closure_on(core::ActivityId activity, core::SiteId site,
                                            core::CivilDate day) const noexcept;

  private:
    [[nodiscard]] Opening school_time(const Activity& activity, core::SiteId site, core::CivilDate day) const;
    [[nodiscard]] Opening holiday_time(const Activity& activity, core::SiteId site, core::CivilDate day) const;

    const Catalog& m_catalog;
};

}  // namespace guichet::catalog
