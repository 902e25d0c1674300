#pragma once

#include <string>
#include <vector>

#include "booking/attendance_mark.h"
#include "booking/enrolment.h"
#include "core/civil_date.h"
#include "core/ids.h"
#include "core/result.h"

namespace guichet::booking {

// A day of an activity booked (not cancelled) for a child: who, at which site, which day.
struct BookedChild {
    core::ChildId child{0};
    core::HouseholdId household{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
};

// The attendance (pointage) records and the sites each site staff account works at, inside the transaction of the
// step that holds this store (booking::Transaction). Every lookup is scoped by commune: an id of another commune is
// not found.
class AttendanceStore {
  public:
    virtual ~AttendanceStore() = default;

    // The children booked (status booked) on `day` for `activity` at `site`, by child id.
    [[nodiscard]] virtual core::Result<std::vector<BookedChild>> booked_on(core::CommuneId commune,
                                                                           core::ActivityId activity, core::SiteId site,
                                                                           core::CivilDate day) = 0;
    // The booked (not cancelled) days of `activity` at every site, from `first` to `last` included, by day.
    [[nodiscard]] virtual core::Result<std::vector<BookedChild>> booked_between(core::CommuneId commune,
                                                                                core::ActivityId activity,
                                                                                core::CivilDate first,
                                                                                core::CivilDate last) = 0;
    // The accepted enrolments in `activity` at `site`, every period.
    [[nodiscard]] virtual core::Result<std::vector<Enrolment>> enrolled_at(core::CommuneId commune,
                                                                           core::ActivityId activity,
                                                                           core::SiteId site) = 0;

    // The marks of `day` for `activity` at `site`: the last one of each child.
    [[nodiscard]] virtual core::Result<std::vector<AttendanceMark>> marks_on(core::CommuneId commune,
                                                                             core::ActivityId activity,
                                                                             core::SiteId site,
                                                                             core::CivilDate day) = 0;
    // Stores a tap: when its mark id was never stored in the commune, keeps the tap and makes it the child's mark of
    // that day and activity (replacing an earlier one), and returns true; when it was (a retried or replayed tap),
    // writes nothing and returns false.
    [[nodiscard]] virtual core::Result<bool> put_mark(const AttendanceMark& mark) = 0;
    // Every tap stored for the child on that day and activity, oldest first (the duplicates never stored).
    [[nodiscard]] virtual core::Result<std::vector<AttendanceMark>> taps_of(core::CommuneId commune,
                                                                            core::ChildId child,
                                                                            core::ActivityId activity,
                                                                            core::CivilDate day) = 0;

    // The sites a site staff account works at, by id.
    [[nodiscard]] virtual core::Result<std::vector<core::SiteId>> staff_sites(core::CommuneId commune,
                                                                              core::AccountId account) = 0;
    // Replaces the sites of a site staff account.
    [[nodiscard]] virtual core::Status set_staff_sites(core::CommuneId commune, core::AccountId account,
                                                       const std::vector<core::SiteId>& sites) = 0;
};

}  // namespace guichet::booking
