#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "jobs/job.h"

namespace guichet::jobs {

// The jobs, inside the transaction of the step that holds this store (see jobs::Transaction). Lookups a person makes
// are scoped by commune; the runner's lookups span every commune, as it serves them all.
class JobStore {
  public:
    virtual ~JobStore() = default;

    // Stores a new job and returns its id. Returns conflict when the commune already has an active job (queued or
    // running) of that kind: the database holds that rule, so two agents asking at once get one job, not two.
    [[nodiscard]] virtual core::Result<core::JobId> insert(const Job& job) = 0;
    // Writes back what advance() changed (status, counts, file, error, instants) when the stored job is still in the
    // status `expected`; returns false, writing nothing, when it is not (another runner or process moved it).
    [[nodiscard]] virtual core::Result<bool> update(const Job& job, JobStatus expected) = 0;
    // The job with this id when it belongs to the commune; std::nullopt for any other id, of any commune.
    [[nodiscard]] virtual core::Result<std::optional<Job>> find(core::CommuneId commune, core::JobId id) = 0;
    // The commune's most recent job of that kind, active or not, or std::nullopt.
    [[nodiscard]] virtual core::Result<std::optional<Job>> latest(core::CommuneId commune, std::string_view kind) = 0;
    // The oldest queued job of any commune, locked for this transaction (another process's runner skips it), or
    // std::nullopt when none waits.
    [[nodiscard]] virtual core::Result<std::optional<Job>> next_queued() = 0;
    // Every job of any commune in that status, oldest first.
    [[nodiscard]] virtual core::Result<std::vector<Job>> with_status(JobStatus status) = 0;
    // The done jobs whose file is still there and that finished before `cutoff`, oldest first.
    [[nodiscard]] virtual core::Result<std::vector<Job>> files_finished_before(core::Instant cutoff) = 0;
};

}  // namespace guichet::jobs
