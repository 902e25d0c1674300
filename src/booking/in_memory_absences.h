#pragma once

#include "booking/absence_store.h"

namespace guichet::booking::testing {

struct BookingState;

// booking::AbsenceStore on a BookingState, with the rule the database holds (one absence per booking).
class InMemoryAbsenceStore final : public AbsenceStore {
  public:
    explicit InMemoryAbsenceStore(BookingState& state) : m_state(state) {}

    core::Result<AbsenceId> insert_absence(const Absence& absence) override;
    core::Result<std::optional<Absence>> find_absence(core::CommuneId commune, AbsenceId id) override;
    core::Result<std::vector<Absence>> absences_of_child(core::CommuneId commune, core::ChildId child) override;
    core::Result<std::vector<Absence>> absences_between(core::CommuneId commune, core::ActivityId activity,
                                                        core::CivilDate first, core::CivilDate last) override;
    core::Result<std::vector<Absence>> open_justifications(core::CommuneId commune) override;
    core::Result<bool> update_justification(const Absence& absence, JustificationStatus expected) override;

  private:
    BookingState& m_state;
};

// booking::SchoolEventStore on a BookingState.
class InMemorySchoolEventStore final : public SchoolEventStore {
  public:
    explicit InMemorySchoolEventStore(BookingState& state) : m_state(state) {}

    core::Result<SchoolEventId> insert_event(const SchoolEvent& event) override;
    core::Result<std::optional<SchoolEvent>> find_event(core::CommuneId commune, SchoolEventId id) override;
    core::Result<std::vector<SchoolEvent>> events(core::CommuneId commune) override;
    core::Result<std::vector<SchoolEvent>> active_events(core::CommuneId commune) override;
    core::Result<bool> mark_undone(const SchoolEvent& event) override;
    core::Result<std::vector<DayBooking>> booked_days(core::CommuneId commune, core::ActivityId activity,
                                                      core::SiteId site, core::CivilDate first,
                                                      core::CivilDate last) override;
    core::Status link_cancellation(core::CommuneId commune, SchoolEventId event, core::BookingId booking) override;
    core::Result<std::vector<DayBooking>> cancelled_by(core::CommuneId commune, SchoolEventId event) override;
    core::Result<bool> restore_booking(core::CommuneId commune, core::BookingId booking) override;

  private:
    BookingState& m_state;
};

}  // namespace guichet::booking::testing
