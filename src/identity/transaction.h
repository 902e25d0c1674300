#pragma once

#include "core/unit_of_work.h"
#include "identity/audit_log.h"
#include "identity/identity_store.h"
#include "identity/throttles.h"
#include "notify/outbox.h"

namespace guichet::identity {

// What an identity use case may touch in its one transaction: accounts, links and sessions, the audit log, the
// throttling counters and the outbox. Modules that build on identity extend it (family::Transaction).
class Transaction {
  public:
    virtual ~Transaction() = default;

    [[nodiscard]] virtual IdentityStore& identity() = 0;
    [[nodiscard]] virtual AuditLog& audit() = 0;
    [[nodiscard]] virtual Throttles& throttles() = 0;
    [[nodiscard]] virtual notify::Outbox& outbox() = 0;
};

using UnitOfWork = core::UnitOfWork<Transaction>;

}  // namespace guichet::identity
