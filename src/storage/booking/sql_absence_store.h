#pragma once

#include <soci/soci.h>

#include "booking/absence_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// booking::AbsenceStore on one SQL transaction (both backends), handed out by the unit of work.
class SqlAbsenceStore final : public booking::AbsenceStore {
  public:
    SqlAbsenceStore(soci::session& session, StatementCache& statements)
        : m_session(session), m_statements(statements) {}

    core::Result<booking::AbsenceId> insert_absence(const booking::Absence& absence) override;
    core::Result<std::optional<booking::Absence>> find_absence(core::CommuneId commune, booking::AbsenceId id) override;
    core::Result<std::vector<booking::Absence>> absences_of_child(core::CommuneId commune,
                                                                  core::ChildId child) override;
    core::Result<std::vector<booking::Absence>> absences_between(core::CommuneId commune, core::ActivityId activity,
                                                                 core::CivilDate first, core::CivilDate last) override;
    core::Result<std::vector<booking::Absence>> open_justifications(core::CommuneId commune) override;
    core::Result<bool> update_justification(const booking::Absence& absence,
                                            booking::JustificationStatus expected) override;

  private:
    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
