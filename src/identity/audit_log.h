#pragma once

#include <vector>

#include "core/result.h"
#include "identity/audit_event.h"

namespace guichet::identity {

// Who did what, when, from where: one row per state change, written in the transaction of the change itself.
class AuditLog {
  public:
    virtual ~AuditLog() = default;

    [[nodiscard]] virtual core::Status record(const AuditEvent& event) = 0;
    // Returns the events about one account of the commune, oldest first.
    [[nodiscard]] virtual core::Result<std::vector<AuditEvent>> events_of(core::CommuneId commune,
                                                                          core::AccountId account) = 0;
};

}  // namespace guichet::identity
