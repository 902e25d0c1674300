#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <memory>

#include "core/periodic_thread.h"
#include "jobs/job_directory.h"
#include "jobs/job_handler.h"
#include "jobs/job_service.h"

namespace guichet::jobs {

// The background runner: one thread, never a network thread, that takes the queued jobs one at a time, oldest first,
// and runs each with the handler of its kind, its file open in the jobs' directory. It also deletes the files of done
// jobs once they are older than `keep_files` (they hold personal data), and records that they expired.
class JobRunner {
  public:
    JobRunner(JobService& service, const JobHandlers& handlers, JobDirectory directory, std::chrono::seconds keep_files,
              std::shared_ptr<spdlog::logger> log);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // At start-up, before start(): fails the jobs a dead process left running and deletes their partial files.
    // Returns how many there were.
    [[nodiscard]] core::Result<std::size_t> recover();

    // Starts the thread, which looks for queued jobs every `interval` and whenever wake() is called, and for old
    // files every `sweep_interval`.
    void start(std::chrono::milliseconds interval, std::chrono::milliseconds sweep_interval = std::chrono::minutes(10));
    // Stops the thread: the job in hand stops at its next chunk and is failed as interrupted.
    void stop();
    // Asks the thread to look now (a job was queued).
    void wake();

    // Runs every queued job, one after the other, in the calling thread; returns how many ran.
    std::size_t run_once();
    // Deletes the files of done jobs older than keep_files, in the calling thread, and records each; returns how many.
    [[nodiscard]] core::Result<std::size_t> expire_files();

    static constexpr std::chrono::hours kKeepFiles{24};

  private:
    class Context;

    void run(const Job& job);
    [[nodiscard]] bool stopping() const;

    JobService& m_service;
    const JobHandlers& m_handlers;
    JobDirectory m_directory;
    std::chrono::seconds m_keep_files;
    std::shared_ptr<spdlog::logger> m_log;

    core::PeriodicThread m_loop;  // last: stopped first, while the members it uses still live
};

}  // namespace guichet::jobs
