#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/instant.h"

namespace guichet::jobs {

// The life of a background job (a batch of letters, an export):
//   queued ──start──▶ running ──progress──▶ running ──finish──▶ done ──expire_file──▶ done, its file gone
//     │                  │
//     └──────fail────────┴──────fail──────▶ failed
// A job never goes back: an agent who wants it again starts a new one.
enum class JobStatus { queued, running, done, failed };

[[nodiscard]] std::string_view job_status_name(JobStatus status);
[[nodiscard]] std::optional<JobStatus> job_status_from_name(std::string_view name);

struct Job {
    core::JobId id{0};
    core::CommuneId commune{0};
    std::string kind;  // what the job does: "key_letters"; the handler registered under that name runs it
    core::AccountId requested_by{0};
    std::string language;    // of the agent who asked: the file is written in it ("fr", "en")
    std::string parameters;  // what the kind's handler needs from the request, in its own format (JSON for the web)
    JobStatus status = JobStatus::queued;
    long long done_count = 0;   // items written so far (letters, rows)
    long long total_count = 0;  // items expected; 0 while unknown. When done, the number written.
    // The file's name in the jobs' directory, chosen when the job starts; empty before, and when a done job wrote
    // nothing (no item to write).
    std::string file_name;
    std::string error_key;  // why it failed: a catalogue key ("err_job_interrupted")
    core::Instant created_at{};
    std::optional<core::Instant> started_at;
    std::optional<core::Instant> finished_at;
    std::optional<core::Instant> file_expired_at;  // when housekeeping deleted the file of a done job

    [[nodiscard]] bool active() const { return status == JobStatus::queued || status == JobStatus::running; }
    // A done job whose file is still there to download.
    [[nodiscard]] bool file_ready() const {
        return status == JobStatus::done && !file_name.empty() && !file_expired_at;
    }
};

// One step in the life of a job, with what it carries.
struct JobStep {
    enum class Kind { start, progress, finish, fail, expire_file };

    Kind kind = Kind::progress;
    long long done = 0;       // progress, finish: items written
    long long total = 0;      // progress: items expected
    std::string file_name;    // start: the file the job will write
    bool wrote_file = false;  // finish: false when there was nothing to write (the file is gone)
    std::string error_key;    // fail

    [[nodiscard]] static JobStep start(std::string file_name);
    [[nodiscard]] static JobStep progress(long long done, long long total);
    [[nodiscard]] static JobStep finish(long long count, bool wrote_file);
    [[nodiscard]] static JobStep fail(std::string error_key);
    [[nodiscard]] static JobStep expire_file();
};

// The one transition function of the state machine above: returns the job as it stands after `step` at `now`, or
// std::nullopt when the step is not allowed from the job's status (progress on a job that is not running, a second
// finish, a file expiring on a job that has none). A finish that wrote no file leaves file_name empty.
[[nodiscard]] std::optional<Job> advance(Job job, const JobStep& step, core::Instant now);

}  // namespace guichet::jobs
