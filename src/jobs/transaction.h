#pragma once

#include "core/unit_of_work.h"
#include "jobs/job_store.h"

namespace guichet::jobs {

// What a jobs use case may touch in its one transaction: the jobs. A job's own work (issuing keys, reading records)
// runs in its module's transactions, chunk by chunk; the job's rows only record where it stands.
class Transaction {
  public:
    virtual ~Transaction() = default;

    [[nodiscard]] virtual JobStore& jobs() = 0;
};

using UnitOfWork = core::UnitOfWork<Transaction>;

}  // namespace guichet::jobs
