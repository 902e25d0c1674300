#include "jobs/in_memory_jobs.h"

namespace guichet::jobs::testing {

core::Result<core::JobId> InMemoryJobStore::insert(const Job& job) {
    for (const auto& [id, other] : m_state.jobs) {
        if (job.active() && other.active() && other.commune == job.commune && other.kind == job.kind) {
            return core::fail(core::ErrorCode::conflict, "error_conflict");
        }
    }
    Job stored = job;
    stored.id = core::JobId{m_state.next_id++};
    m_state.jobs.insert_or_assign(stored.id.value(), stored);
    return stored.id;
}

core::Result<bool> InMemoryJobStore::update(const Job& job, JobStatus expected) {
    const auto it = m_state.jobs.find(job.id.value());
    if (it == m_state.jobs.end() || it->second.status != expected) {
        return false;
    }
    it->second = job;
    return true;
}

core::Result<std::optional<Job>> InMemoryJobStore::find(core::CommuneId commune, core::JobId id) {
    const auto it = m_state.jobs.find(id.value());
    if (it == m_state.jobs.end() || it->second.commune != commune) {
        return std::optional<Job>{};
    }
    return std::optional(it->second);
}

core::Result<std::optional<Job>> InMemoryJobStore::latest(core::CommuneId commune, std::string_view kind) {
    std::optional<Job> found;
    for (const auto& [id, job] : m_state.jobs) {
        if (job.commune == commune && job.kind == kind)
            found = job;  // ids grow: the last one seen is the latest
    }
    return found;
}

core::Result<std::optional<Job>> InMemoryJobStore::next_queued() {
    for (const auto& [id, job] : m_state.jobs) {
        if (job.status == JobStatus::queued)
            return std::optional(job);
    }
    return std::optional<Job>{};
}

core::Result<std::vector<Job>> InMemoryJobStore::with_status(JobStatus status) {
    std::vector<Job> found;
    for (const auto& [id, job] : m_state.jobs) {
        if (job.status == status)
            found.push_back(job);
    }
    return found;
}

core::Result<std::vector<Job>> InMemoryJobStore::files_finished_before(core::Instant cutoff) {
    std::vector<Job> found;
    for (const auto& [id, job] : m_state.jobs) {
        if (job.file_ready() && job.finished_at && *job.finished_at < cutoff)
            found.push_back(job);
    }
    return found;
}

}  // namespace guichet::jobs::testing
