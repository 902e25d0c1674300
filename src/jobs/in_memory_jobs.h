#pragma once

#include <cstdint>
#include <map>

#include "core/in_memory_unit_of_work.h"
#include "jobs/transaction.h"

namespace guichet::jobs::testing {

// Everything the job store holds, in memory.
struct JobState {
    std::map<std::int64_t, Job> jobs;
    std::int64_t next_id = 1;
};

// The job store in memory, with the database's rule: one active job per commune and kind.
class InMemoryJobStore final : public JobStore {
  public:
    explicit InMemoryJobStore(JobState& state) : m_state(state) {}

    core::Result<core::JobId> insert(const Job& job) override;
    core::Result<bool> update(const Job& job, JobStatus expected) override;
    core::Result<std::optional<Job>> find(core::CommuneId commune, core::JobId id) override;
    core::Result<std::optional<Job>> latest(core::CommuneId commune, std::string_view kind) override;
    core::Result<std::optional<Job>> next_queued() override;
    core::Result<std::vector<Job>> with_status(JobStatus status) override;
    core::Result<std::vector<Job>> files_finished_before(core::Instant cutoff) override;

  private:
    JobState& m_state;
};

class JobTransaction final : public Transaction {
  public:
    explicit JobTransaction(JobState& state) : m_jobs(state) {}

    JobStore& jobs() override { return m_jobs; }

  private:
    InMemoryJobStore m_jobs;
};

using InMemoryJobs = core::testing::InMemoryUnitOfWork<JobState, JobTransaction, Transaction>;

}  // namespace guichet::jobs::testing
