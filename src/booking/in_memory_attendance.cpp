#include "booking/in_memory_attendance.h"

#include <algorithm>

#include "booking/in_memory_booking.h"

namespace guichet::booking::testing {

core::Result<std::vector<BookedChild>> InMemoryAttendanceStore::booked_on(core::CommuneId commune,
                                                                          core::ActivityId activity, core::SiteId site,
                                                                          core::CivilDate day) {
    std::vector<BookedChild> found;
    for (const DayBooking& b : m_bookings.bookings) {
        if (b.commune == commune && b.activity == activity && b.site == site && b.day == day &&
            b.status == BookingStatus::booked) {
            found.push_back({b.child, b.household, b.site, b.day});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const BookedChild& a, const BookedChild& b) { return a.child.value() < b.child.value(); });
    return found;
}

core::Result<std::vector<BookedChild>> InMemoryAttendanceStore::booked_between(core::CommuneId commune,
                                                                               core::ActivityId activity,
                                                                               core::CivilDate first,
                                                                               core::CivilDate last) {
    std::vector<BookedChild> found;
    for (const DayBooking& b : m_bookings.bookings) {
        if (b.commune == commune && b.activity == activity && b.day >= first && b.day <= last &&
            b.status == BookingStatus::booked) {
            found.push_back({b.child, b.household, b.site, b.day});
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const BookedChild& a, const BookedChild& b) { return a.day < b.day; });
    return found;
}

core::Result<std::vector<Enrolment>> InMemoryAttendanceStore::enrolled_at(core::CommuneId commune,
                                                                          core::ActivityId activity,
                                                                          core::SiteId site) {
    std::vector<Enrolment> found;
    for (const Enrolment& e : m_bookings.enrolments) {
        if (e.commune == commune && e.activity == activity && e.site == site && e.status == EnrolmentStatus::accepted) {
            found.push_back(e);
        }
    }
    return found;
}

core::Result<std::vector<AttendanceMark>> InMemoryAttendanceStore::marks_on(core::CommuneId commune,
                                                                            core::ActivityId activity,
                                                                            core::SiteId site, core::CivilDate day) {
    std::vector<AttendanceMark> found;
    for (const auto& [key, mark] : m_state.marks) {
        if (mark.commune == commune && mark.activity == activity && mark.site == site && mark.day == day) {
            found.push_back(mark);
        }
    }
    return found;
}

core::Result<bool> InMemoryAttendanceStore::put_mark(const AttendanceMark& mark) {
    if (!m_state.mark_ids.insert({mark.commune.value(), mark.mark_id}).second) {
        return false;
    }
    m_state.taps.push_back(mark);
    m_state.marks.insert_or_assign(
        std::make_tuple(mark.commune.value(), mark.child.value(), mark.activity.value(), mark.day), mark);
    return true;
}

core::Result<std::vector<AttendanceMark>> InMemoryAttendanceStore::taps_of(core::CommuneId commune, core::ChildId child,
                                                                           core::ActivityId activity,
                                                                           core::CivilDate day) {
    std::vector<AttendanceMark> found;
    for (const AttendanceMark& tap : m_state.taps) {
        if (tap.commune == commune && tap.child == child && tap.activity == activity && tap.day == day) {
            found.push_back(tap);
        }
    }
    return found;
}

core::Result<std::vector<core::SiteId>> InMemoryAttendanceStore::staff_sites(core::CommuneId commune,
                                                                             core::AccountId account) {
    const auto it = m_state.staff_sites.find({commune.value(), account.value()});
    if (it == m_state.staff_sites.end()) {
        return std::vector<core::SiteId>();
    }
    return it->second;
}

core::Status InMemoryAttendanceStore::set_staff_sites(core::CommuneId commune, core::AccountId account,
                                                      const std::vector<core::SiteId>& sites) {
    m_state.staff_sites[{commune.value(), account.value()}] = sites;
    return {};
}

}  // namespace guichet::booking::testing
