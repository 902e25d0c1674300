#include "jobs/job.h"

#include "core/enum_names.h"

namespace guichet::jobs {
namespace {

constexpr core::EnumNames<JobStatus, 4> kStatusNames = {{
    {JobStatus::queued, "queued"},
    {JobStatus::running, "running"},
    {JobStatus::done, "done"},
    {JobStatus::failed, "failed"},
}};

}  // namespace

std::string_view job_status_name(JobStatus status) {
    return core::name_of(kStatusNames, status);
}

std::optional<JobStatus> job_status_from_name(std::string_view name) {
    return core::value_of(kStatusNames, name);
}

JobStep JobStep::start(std::string file_name) {
    JobStep step;
    step.kind = Kind::start;
    step.file_name = std::move(file_name);
    return step;
}

JobStep JobStep::progress(long long done, long long total) {
    JobStep step;
    step.kind = Kind::progress;
    step.done = done;
    step.total = total;
    return step;
}

JobStep JobStep::finish(long long count, bool wrote_file) {
    JobStep step;
    step.kind = Kind::finish;
    step.done = count;
    step.wrote_file = wrote_file;
    return step;
}

JobStep JobStep::fail(std::string error_key) {
    JobStep step;
    step.kind = Kind::fail;
    step.error_key = std::move(error_key);
    return step;
}

JobStep JobStep::expire_file() {
    JobStep step;
    step.kind = Kind::expire_file;
    return step;
}

std::optional<Job> advance(Job job, const JobStep& step, core::Instant now) {
    switch (step.kind) {
        case JobStep::Kind::start:
            if (job.status != JobStatus::queued || step.file_name.empty()) {
                return std::nullopt;
            }
            job.status = JobStatus::running;
            job.file_name = step.file_name;
            job.started_at = now;
            return job;
        case JobStep::Kind::progress:
            if (job.status != JobStatus::running || step.done < 0 || step.total < 0) {
                return std::nullopt;
            }
            job.done_count = step.done;
            job.total_count = step.total;
            return job;
        case JobStep::Kind::finish:
            if (job.status != JobStatus::running || step.done < 0) {
                return std::nullopt;
            }
            job.status = JobStatus::done;
            job.done_count = step.done;
            job.total_count = step.done;  // what was written, whatever was expected at the start
            if (!step.wrote_file) {
                job.file_name.clear();
            }
            job.finished_at = now;
            return job;
        case JobStep::Kind::fail:
            if (!job.active() || step.error_key.empty()) {
                return std::nullopt;
            }
            job.status = JobStatus::failed;
            job.error_key = step.error_key;
            job.finished_at = now;
            return job;
        case JobStep::Kind::expire_file:
            if (!job.file_ready()) {
                return std::nullopt;
            }
            job.file_expired_at = now;
            return job;
    }
    return std::nullopt;
}

}  // namespace guichet::jobs
