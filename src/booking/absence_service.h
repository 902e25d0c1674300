#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/absence.h"
#include "booking/booking_service.h"
#include "booking/transaction.h"
#include "catalog/catalog_cache.h"
#include "core/clock.h"

namespace guichet::booking {

// What the family (or an agent at the guichet) reports: the days from `first` to `last` (included), the activities
// (none: every activity booked those days), the reason and, for "autre", its words.
struct AbsenceRequest {
    core::CivilDate first = core::CivilDate::from_sys_days(date::sys_days{});
    core::CivilDate last = core::CivilDate::from_sys_days(date::sys_days{});
    std::vector<core::ActivityId> activities;
    AbsenceReason reason = AbsenceReason::other;
    std::string note;
};

// A justification an agent has to decide, with whose it is.
struct OpenJustification {
    Absence absence;
    std::string child_name;           // "Rémi DUPONT"
    std::string household_reference;  // "F000123"
};

// The use cases of absences (signaler une absence) and of their medical certificates. Each runs in one unit of work
// with its ownership check, its rows, its history rows ("absence_reported", "justification_submitted",
// "justification_accepted", "justification_refused": who, when, for which child) and its mail.
class AbsenceService {
  public:
    AbsenceService(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    // Reports the child absent on every booked day of the request, one absence per booked day and activity. Writes
    // nothing and fails when a field is wrong (invalid_input, field "du", "au" or "precision": "err_absence_range",
    // "err_absence_window" out of the days allowed, "err_absence_note" for "autre" without words), when no chosen
    // activity is booked in those days (conflict "err_absence_not_booked"), or when one of those days is reported
    // already (conflict "err_absence_already_reported"). An illness awaits its certificate until the last day plus
    // the commune's certificate_days.
    [[nodiscard]] core::Result<std::vector<Absence>> report(const Scope& scope, const Actor& actor, core::ChildId child,
                                                            const AbsenceRequest& request);
    // The child's absences, latest day first.
    [[nodiscard]] core::Result<std::vector<Absence>> absences(const Scope& scope, const Actor& actor,
                                                              core::ChildId child);

    // The commune's certificates awaited or submitted, oldest deadline first.
    [[nodiscard]] core::Result<std::vector<OpenJustification>> open_justifications(const Scope& scope);
    // An agent accepts or refuses (with a reason) the certificate of an absence; the family is told by mail. Fails
    // with not_found for an id of another commune, and as advance_justification says.
    [[nodiscard]] core::Result<Absence> decide(const Scope& scope, const Actor& agent, AbsenceId id,
                                               JustificationStep step, const std::string& reason);
    // Records the certificate the family brought or uploaded (the document of [G7], none for a paper at the desk):
    // awaited → submitted, within the deadline. Not yet reachable from the web: the upload comes with documents.
    [[nodiscard]] core::Result<Absence> submit_justification(const Scope& scope, const Actor& actor, AbsenceId id,
                                                             std::optional<long long> document);

  private:
    UnitOfWork& m_work;
    const core::Clock& m_clock;
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
