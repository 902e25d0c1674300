#pragma once

#include "core/unit_of_work.h"
#include "family/family_store.h"
#include "identity/transaction.h"

namespace guichet::family {

// What a family use case may touch in its one transaction: the family record, plus everything identity offers
// (accounts, audit, throttles, outbox), so that a step spanning both modules — confirming an address and linking
// the clé enfance typed at sign-up — writes all its rows together.
class Transaction : public virtual identity::Transaction {
  public:
    [[nodiscard]] virtual FamilyStore& family() = 0;
};

using UnitOfWork = core::UnitOfWork<Transaction>;

}  // namespace guichet::family
