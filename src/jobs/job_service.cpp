#include "jobs/job_service.h"

namespace guichet::jobs {
namespace {

core::Status refuse_active(const std::optional<Job>& active) {
    auto error = core::make_error(core::ErrorCode::conflict, "err_job_already_active");
    if (active) {
        error = std::move(error).with("job", std::to_string(active->id.value()));
    }
    return core::fail(std::move(error));
}

}  // namespace

core::Result<Job> JobService::queue(const JobRequest& request) {
    Job job;
    job.commune = request.commune;
    job.kind = request.kind;
    job.requested_by = request.requested_by;
    job.language = request.language;
    job.parameters = request.parameters;
    job.status = JobStatus::queued;
    job.created_at = m_clock.now();
    auto queued = m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(latest, tx.jobs().latest(request.commune, request.kind));
        if (latest && latest->active()) {
            return refuse_active(latest);
        }
        GUICHET_TRY(id, tx.jobs().insert(job));
        job.id = id;
        return {};
    });
    if (!queued) {
        if (queued.error().code == core::ErrorCode::conflict && queued.error().key != "err_job_already_active") {
            // The database's rule: another request queued one between our check and our insert.
            auto active = latest(request.commune, request.kind);
            return tl::unexpected<core::Error>(refuse_active(active ? *active : std::nullopt).error());
        }
        return tl::unexpected<core::Error>(queued.error());
    }
    if (m_on_queued) {
        m_on_queued();
    }
    return job;
}

core::Result<std::optional<Job>> JobService::find(core::CommuneId commune, core::JobId id) {
    std::optional<Job> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(job, tx.jobs().find(commune, id));
        found = std::move(job);
        return {};
    }));
    return found;
}

core::Result<std::optional<Job>> JobService::latest(core::CommuneId commune, std::string_view kind) {
    std::optional<Job> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(job, tx.jobs().latest(commune, kind));
        found = std::move(job);
        return {};
    }));
    return found;
}

core::Result<std::optional<Job>> JobService::start_next(const std::function<std::string(const Job&)>& file_name_for) {
    std::optional<Job> started;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(next, tx.jobs().next_queued());
        if (!next) {
            return {};
        }
        auto running = advance(*next, JobStep::start(file_name_for(*next)), m_clock.now());
        if (!running) {
            return core::fail(core::ErrorCode::internal, "err_job_step");
        }
        GUICHET_TRY(stored, tx.jobs().update(*running, JobStatus::queued));
        if (!stored) {
            return {};  // taken by another process's runner meanwhile
        }
        started = std::move(running);
        return {};
    }));
    return started;
}

core::Result<Job> JobService::apply(const Job& job, const JobStep& step) {
    auto next = advance(job, step, m_clock.now());
    if (!next) {
        return core::fail(core::make_error(core::ErrorCode::internal, "err_job_step")
                              .with_detail("job " + std::to_string(job.id.value()) + " is " +
                                           std::string(job_status_name(job.status))));
    }
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(stored, tx.jobs().update(*next, job.status));
        if (!stored) {
            return core::fail(core::ErrorCode::conflict, "err_job_changed");
        }
        return {};
    }));
    return *next;
}

core::Result<std::vector<Job>> JobService::fail_interrupted() {
    std::vector<Job> failed;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(running, tx.jobs().with_status(JobStatus::running));
        for (const Job& job : running) {
            auto next = advance(job, JobStep::fail("err_job_interrupted"), m_clock.now());
            GUICHET_TRY(stored, tx.jobs().update(*next, JobStatus::running));
            if (stored) {
                failed.push_back(std::move(*next));
            }
        }
        return {};
    }));
    return failed;
}

core::Result<std::vector<Job>> JobService::files_older_than(std::chrono::seconds keep) {
    std::vector<Job> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(jobs, tx.jobs().files_finished_before(m_clock.now() - keep));
        found = std::move(jobs);
        return {};
    }));
    return found;
}

}  // namespace guichet::jobs
