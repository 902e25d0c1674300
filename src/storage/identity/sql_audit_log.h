#pragma once

#include <soci/soci.h>

#include "identity/audit_log.h"

namespace guichet::storage {

// identity::AuditLog on one SQL transaction (both backends).
class SqlAuditLog final : public identity::AuditLog {
  public:
    explicit SqlAuditLog(soci::session& session) : m_session(session) {}

    core::Status record(const identity::AuditEvent& event) override;
    core::Result<std::vector<identity::AuditEvent>> events_of(core::CommuneId commune,
                                                              core::AccountId account) override;

  private:
    soci::session& m_session;
};

}  // namespace guichet::storage
