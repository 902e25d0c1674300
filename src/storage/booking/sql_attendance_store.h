#pragma once

#include <soci/soci.h>

#include "booking/attendance_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// booking::AttendanceStore on one SQL transaction (both backends), handed out by the unit of work
// (storage/unit_of_work.h); lives as long as its transaction. Tables of migration 11 (booking_schema.cpp).
class SqlAttendanceStore final : public booking::AttendanceStore {
  public:
    SqlAttendanceStore(soci::session& session, StatementCache& statements)
        : m_session(session), m_statements(statements) {}

    core::Result<std::vector<booking::BookedChild>> booked_on(core::CommuneId commune, core::ActivityId activity,
                                                              core::SiteId site, core::CivilDate day) override;
    core::Result<std::vector<booking::BookedChild>> booked_between(core::CommuneId commune, core::ActivityId activity,
                                                                   core::CivilDate first,
                                                                   core::CivilDate last) override;
    core::Result<std::vector<booking::Enrolment>> enrolled_at(core::CommuneId commune, core::ActivityId activity,
                                                              core::SiteId site) override;
    core::Result<std::vector<booking::AttendanceMark>> marks_on(core::CommuneId commune, core::ActivityId activity,
                                                                core::SiteId site, core::CivilDate day) override;
    core::Result<bool> put_mark(const booking::AttendanceMark& mark) override;
    core::Result<std::vector<booking::AttendanceMark>> taps_of(core::CommuneId commune, core::ChildId child,
                                                               core::ActivityId activity, core::CivilDate day) override;
    core::Result<std::vector<core::SiteId>> staff_sites(core::CommuneId commune, core::AccountId account) override;
    core::Status set_staff_sites(core::CommuneId commune, core::AccountId account,
                                 const std::vector<core::SiteId>& sites) override;

  private:
    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
