#pragma once

#include <functional>

#include "core/result.h"

namespace guichet::core {

// One business step's access to storage: every store the step needs, on one database transaction. A domain module
// declares its own Transaction interface (the stores it may use, e.g. identity::Transaction) and takes a
// UnitOfWork<ThatTransaction>; storage/ implements them all on one SQL transaction, and domain tests on memory.
template <class Transaction>
class UnitOfWork {
  public:
    virtual ~UnitOfWork() = default;

    // Runs `work` in one transaction: everything it wrote is committed when it returns success, and nothing is when
    // it returns an error or throws. Mail queued in the outbox leaves only after the commit.
    [[nodiscard]] virtual Status write(const std::function<Status(Transaction&)>& work) = 0;

    // Runs read-only `work` without taking the write lock (SQLite) or opening an explicit transaction (PostgreSQL).
    // REQUIRES: work writes nothing.
    [[nodiscard]] virtual Status read(const std::function<Status(Transaction&)>& work) = 0;
};

}  // namespace guichet::core
