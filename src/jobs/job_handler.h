#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/result.h"
#include "jobs/job.h"

namespace guichet::jobs {

// What a job's handler is given by the runner to do its work.
class JobContext {
  public:
    virtual ~JobContext() = default;

    // The job's file, open for writing. Written as the work goes, never held whole in memory.
    [[nodiscard]] virtual std::ostream& output() = 0;
    // Records how far the job is, in one short transaction: the job page shows it. `total` is 0 while unknown.
    [[nodiscard]] virtual core::Status progress(long long done, long long total) = 0;
    // True once the process is stopping: the handler returns an error at its next chunk (the job is then failed as
    // interrupted, and the agent starts it again).
    [[nodiscard]] virtual bool stopping() const = 0;
};

// How the jobs of one kind are run.
struct JobHandler {
    // The extension of the file the job writes ("pdf", "csv").
    std::string file_extension;
    // Does the job's work chunk by chunk, writing to context.output() and reporting progress after each chunk.
    // Returns how many items it wrote (0: there was nothing to write; the file is dropped), or an error whose key the
    // job page shows. May throw: the runner fails the job then.
    std::function<core::Result<long long>(const Job& job, JobContext& context)> run;
};

// The handlers by kind, as the features registered them at start-up (read-only afterwards, so thread-safe).
class JobHandlers {
  public:
    virtual ~JobHandlers() = default;

    // The handler of that kind, or nullptr.
    [[nodiscard]] virtual const JobHandler* find(std::string_view kind) const = 0;
};

}  // namespace guichet::jobs
