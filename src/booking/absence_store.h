#pragma once

#include <optional>
#include <vector>

#include "booking/absence.h"
#include "booking/day_booking.h"
#include "booking/school_event.h"
#include "core/result.h"

namespace guichet::booking {

// Absences and their justifications, inside the transaction of the step that holds this store
// (booking::Transaction). Every lookup is scoped by commune: an id of another commune is not found.
class AbsenceStore {
  public:
    virtual ~AbsenceStore() = default;

    // Stores an absence and returns its id. Fails with conflict "err_absence_already_reported" when the booking
    // already has one: the database holds the rule.
    [[nodiscard]] virtual core::Result<AbsenceId> insert_absence(const Absence& absence) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Absence>> find_absence(core::CommuneId commune, AbsenceId id) = 0;
    // The child's absences, latest day first.
    [[nodiscard]] virtual core::Result<std::vector<Absence>> absences_of_child(core::CommuneId commune,
                                                                               core::ChildId child) = 0;
    // The absences reported for `activity` on days from `first` to `last` included (the kitchen leaves them out).
    [[nodiscard]] virtual core::Result<std::vector<Absence>> absences_between(core::CommuneId commune,
                                                                              core::ActivityId activity,
                                                                              core::CivilDate first,
                                                                              core::CivilDate last) = 0;
    // The commune's absences whose certificate is awaited or submitted, oldest deadline first.
    [[nodiscard]] virtual core::Result<std::vector<Absence>> open_justifications(core::CommuneId commune) = 0;
    // Writes back the justification (status, document, decision, reason) when the stored one is still `expected`;
    // returns false, writing nothing, when it is not (another agent decided meanwhile).
    [[nodiscard]] virtual core::Result<bool> update_justification(const Absence& absence,
                                                                  JustificationStatus expected) = 0;
};

// School events and the days they cancelled, inside the step's transaction, scoped by commune.
class SchoolEventStore {
  public:
    virtual ~SchoolEventStore() = default;

    // Stores an event with its activities and returns its id.
    [[nodiscard]] virtual core::Result<SchoolEventId> insert_event(const SchoolEvent& event) = 0;
    [[nodiscard]] virtual core::Result<std::optional<SchoolEvent>> find_event(core::CommuneId commune,
                                                                              SchoolEventId id) = 0;
    // The commune's events, latest first day first.
    [[nodiscard]] virtual core::Result<std::vector<SchoolEvent>> events(core::CommuneId commune) = 0;
    // The commune's active events (what the calendar and the booking rules read), in two queries.
    [[nodiscard]] virtual core::Result<std::vector<SchoolEvent>> active_events(core::CommuneId commune) = 0;
    // Marks the event undone (who, when) when it is still active; false, writing nothing, otherwise.
    [[nodiscard]] virtual core::Result<bool> mark_undone(const SchoolEvent& event) = 0;

    // The days still booked of `activity` at `site` from `first` to `last` (included), every child's.
    [[nodiscard]] virtual core::Result<std::vector<DayBooking>> booked_days(core::CommuneId commune,
                                                                            core::ActivityId activity,
                                                                            core::SiteId site, core::CivilDate first,
                                                                            core::CivilDate last) = 0;
    // Remembers that the event cancelled this booking (the cause of its cancellation).
    [[nodiscard]] virtual core::Status link_cancellation(core::CommuneId commune, SchoolEventId event,
                                                         core::BookingId booking) = 0;
    // The bookings the event cancelled, in the order it cancelled them.
    [[nodiscard]] virtual core::Result<std::vector<DayBooking>> cancelled_by(core::CommuneId commune,
                                                                             SchoolEventId event) = 0;
    // Makes a cancelled booking booked again, as it was (its prices and timing), when it is still cancelled and the
    // child has no other booking of that day and activity; false, writing nothing, otherwise.
    [[nodiscard]] virtual core::Result<bool> restore_booking(core::CommuneId commune, core::BookingId booking) = 0;
};

}  // namespace guichet::booking
