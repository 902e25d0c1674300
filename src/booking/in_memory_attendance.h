#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "booking/attendance_store.h"

namespace guichet::booking::testing {

struct BookingState;

// The attendance records of the in-memory world: every tap kept (the history), the last one per child, day and
// activity, and the sites of the site staff accounts.
struct AttendanceState {
    std::vector<AttendanceMark> taps;
    // (commune, mark id) of every tap stored: a second one with the same id is not stored.
    std::set<std::pair<long long, std::string>> mark_ids;
    // (commune, child, activity, day) → the child's mark.
    std::map<std::tuple<long long, long long, long long, core::CivilDate>, AttendanceMark> marks;
    // (commune, account) → sites.
    std::map<std::pair<long long, long long>, std::vector<core::SiteId>> staff_sites;
};

// booking::AttendanceStore on an AttendanceState and the world's bookings.
class InMemoryAttendanceStore final : public AttendanceStore {
  public:
    InMemoryAttendanceStore(AttendanceState& state, BookingState& bookings) : m_state(state), m_bookings(bookings) {}

    core::Result<std::vector<BookedChild>> booked_on(core::CommuneId commune, core::ActivityId activity,
                                                     core::SiteId site, core::CivilDate day) override;
    core::Result<std::vector<BookedChild>> booked_between(core::CommuneId commune, core::ActivityId activity,
                                                          core::CivilDate first, core::CivilDate last) override;
    core::Result<std::vector<Enrolment>> enrolled_at(core::CommuneId commune, core::ActivityId activity,
                                                     core::SiteId site) override;
    core::Result<std::vector<AttendanceMark>> marks_on(core::CommuneId commune, core::ActivityId activity,
                                                       core::SiteId site, core::CivilDate day) override;
    core::Result<bool> put_mark(const AttendanceMark& mark) override;
    core::Result<std::vector<AttendanceMark>> taps_of(core::CommuneId commune, core::ChildId child,
                                                      core::ActivityId activity, core::CivilDate day) override;
    core::Result<std::vector<core::SiteId>> staff_sites(core::CommuneId commune, core::AccountId account) override;
    core::Status set_staff_sites(core::CommuneId commune, core::AccountId account,
                                 const std::vector<core::SiteId>& sites) override;

  private:
    AttendanceState& m_state;
    BookingState& m_bookings;
};

}  // namespace guichet::booking::testing
