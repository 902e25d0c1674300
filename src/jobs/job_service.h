#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "jobs/transaction.h"

namespace guichet::jobs {

// What an agent asks for when he starts a job.
struct JobRequest {
    core::CommuneId commune{0};
    std::string kind;
    core::AccountId requested_by{0};
    std::string language;
    std::string parameters;
};

// The jobs of every commune: agents queue them and follow them, the runner (jobs/job_runner.h) takes them one by one
// and records where they stand. Every step is one short transaction; the work itself runs outside them.
class JobService {
  public:
    // `on_queued` is called after a job is queued, so that the runner looks at once.
    JobService(UnitOfWork& work, const core::Clock& clock, std::function<void()> on_queued = {})
        : m_work(work), m_clock(clock), m_on_queued(std::move(on_queued)) {}

    // Queues a job. Returns conflict "err_job_already_active" when the commune already has a job of that kind queued
    // or running (checked here, and by the database for two requests at once); the error's "job" parameter is that
    // job's id when it could be read, so that the page can lead to it.
    [[nodiscard]] core::Result<Job> queue(const JobRequest& request);
    // The commune's job with this id; std::nullopt for any other id, of any commune.
    [[nodiscard]] core::Result<std::optional<Job>> find(core::CommuneId commune, core::JobId id);
    // The commune's most recent job of that kind, or std::nullopt.
    [[nodiscard]] core::Result<std::optional<Job>> latest(core::CommuneId commune, std::string_view kind);

    // The runner's side.
    // Starts the oldest queued job of any commune: running, with the file name `file_name_for` gives it. Returns
    // std::nullopt when none waits.
    [[nodiscard]] core::Result<std::optional<Job>> start_next(
        const std::function<std::string(const Job&)>& file_name_for);
    // Applies one step to a job the runner holds and stores it; returns the job as stored. Returns conflict
    // "err_job_changed" when the stored job is no longer in the status of the copy (another process failed it), and
    // internal "err_job_step" when the state machine refuses the step.
    [[nodiscard]] core::Result<Job> apply(const Job& job, const JobStep& step);
    // At start-up: fails every job left running by a process that died (its work is lost; the agent starts it
    // again) and returns them, so that their partial files can be deleted.
    [[nodiscard]] core::Result<std::vector<Job>> fail_interrupted();
    // The done jobs whose file is older than `keep` and still there: housekeeping deletes the file, then records it
    // with apply(JobStep::expire_file()).
    [[nodiscard]] core::Result<std::vector<Job>> files_older_than(std::chrono::seconds keep);

  private:
    UnitOfWork& m_work;
    const core::Clock& m_clock;
    std::function<void()> m_on_queued;
};

}  // namespace guichet::jobs
