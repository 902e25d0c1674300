#pragma once

#include <soci/soci.h>

#include "booking/absence_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// booking::SchoolEventStore on one SQL transaction (both backends), handed out by the unit of work.
class SqlSchoolEventStore final : public booking::SchoolEventStore {
  public:
    SqlSchoolEventStore(soci::session& session, StatementCache& statements)
        : m_session(session), m_statements(statements) {}

    core::Result<booking::SchoolEventId> insert_event(const booking::SchoolEvent& event) override;
    core::Result<std::optional<booking::SchoolEvent>> find_event(core::CommuneId commune,
                                                                 booking::SchoolEventId id) override;
    core::Result<std::vector<booking::SchoolEvent>> events(core::CommuneId commune) override;
    core::Result<std::vector<booking::SchoolEvent>> active_events(core::CommuneId commune) override;
    core::Result<bool> mark_undone(const booking::SchoolEvent& event) override;
    core::Result<std::vector<booking::DayBooking>> booked_days(core::CommuneId commune, core::ActivityId activity,
                                                               core::SiteId site, core::CivilDate first,
                                                               core::CivilDate last) override;
    core::Status link_cancellation(core::CommuneId commune, booking::SchoolEventId event,
                                   core::BookingId booking) override;
    core::Result<std::vector<booking::DayBooking>> cancelled_by(core::CommuneId commune,
                                                                booking::SchoolEventId event) override;
    core::Result<bool> restore_booking(core::CommuneId commune, core::BookingId booking) override;

  private:
    // The events of `sql` (a SELECT of kEventColumns with the commune as only parameter) with their activities.
    core::Result<std::vector<booking::SchoolEvent>> events_where(const std::string& sql, core::CommuneId commune);

    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
