#include "jobs/job_runner.h"

#include <nlohmann/json.hpp>

#include <exception>

namespace guichet::jobs {
namespace {

std::string json_line(const nlohmann::json& data) {
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr std::string_view kUnknownExtension = "bin";

}  // namespace

// What a running job's handler sees: its file, its progress, whether the process is stopping.
class JobRunner::Context final : public JobContext {
  public:
    Context(JobRunner& runner, Job job, std::ofstream& out) : m_runner(runner), m_job(std::move(job)), m_out(out) {}

    std::ostream& output() override { return m_out; }

    core::Status progress(long long done, long long total) override {
        GUICHET_TRY(stored, m_runner.m_service.apply(m_job, JobStep::progress(done, total)));
        m_job = std::move(stored);
        return {};
    }

    bool stopping() const override { return m_runner.stopping(); }

    // The job as last stored (its progress included), for the final step.
    [[nodiscard]] const Job& job() const { return m_job; }

  private:
    JobRunner& m_runner;
    Job m_job;
    std::ofstream& m_out;
};

JobRunner::JobRunner(JobService& service, const JobHandlers& handlers, JobDirectory directory,
                     std::chrono::seconds keep_files, std::shared_ptr<spdlog::logger> log)
    : m_service(service),
      m_handlers(handlers),
      m_directory(std::move(directory)),
      m_keep_files(keep_files),
      m_log(std::move(log)) {}

JobRunner::~JobRunner() {
    stop();
}

core::Result<std::size_t> JobRunner::recover() {
    GUICHET_TRY(failed, m_service.fail_interrupted());
    for (const Job& job : failed) {
        m_directory.remove(job.file_name);
        m_log->warn(json_line({{"event", "job_interrupted"}, {"id", job.id.value()}, {"kind", job.kind}}));
    }
    return failed.size();
}

void JobRunner::start(std::chrono::milliseconds interval, std::chrono::milliseconds sweep_interval) {
    m_loop.start(interval, [this, sweep_interval, next_sweep = std::chrono::steady_clock::now()]() mutable {
        if (std::chrono::steady_clock::now() >= next_sweep) {
            if (auto expired = expire_files(); !expired) {
                m_log->error(
                    json_line({{"event", "job_files_sweep_failed"}, {"error", core::describe(expired.error())}}));
            }
            next_sweep = std::chrono::steady_clock::now() + sweep_interval;
        }
        run_once();
    });
}

void JobRunner::stop() {
    m_loop.stop();
}

void JobRunner::wake() {
    m_loop.wake();
}

bool JobRunner::stopping() const {
    return m_loop.stopping();
}

std::size_t JobRunner::run_once() {
    std::size_t ran = 0;
    while (!stopping()) {
        auto next = m_service.start_next([this](const Job& job) {
            const JobHandler* handler = m_handlers.find(job.kind);
            return JobDirectory::file_name_for(job, handler != nullptr ? handler->file_extension : kUnknownExtension);
        });
        if (!next) {
            m_log->error(json_line({{"event", "job_start_failed"}, {"error", core::describe(next.error())}}));
            return ran;
        }
        if (!*next) {
            return ran;
        }
        run(**next);
        ++ran;
    }
    return ran;
}

void JobRunner::run(const Job& job) {
    const auto started = std::chrono::steady_clock::now();
    const auto fail = [&](const core::Error& error, const Job& current) {
        m_directory.remove(job.file_name);
        // An error of storage or a bug says nothing useful to an agent: the page shows that the job failed.
        const bool telling = error.code == core::ErrorCode::invalid_input || error.code == core::ErrorCode::not_found ||
                             error.code == core::ErrorCode::too_large;
        const std::string key = error.key == "err_job_interrupted" || telling ? error.key : "err_job_failed";
        if (auto failed = m_service.apply(current, JobStep::fail(key)); !failed) {
            m_log->error(json_line(
                {{"event", "job_record_failed"}, {"id", job.id.value()}, {"error", core::describe(failed.error())}}));
        }
        m_log->error(json_line(
            {{"event", "job_failed"}, {"id", job.id.value()}, {"kind", job.kind}, {"error", core::describe(error)}}));
    };
    const JobHandler* handler = m_handlers.find(job.kind);
    if (handler == nullptr || !handler->run) {
        fail(core::make_error(core::ErrorCode::internal, "err_job_failed").with_detail("no handler for " + job.kind),
             job);
        return;
    }
    auto out = m_directory.create(job.file_name);
    if (!out) {
        fail(out.error(), job);
        return;
    }
    Context context(*this, job, *out);
    core::Result<long long> written = core::fail(core::ErrorCode::internal, "err_job_failed");
    try {
        written = handler->run(job, context);
    } catch (const std::exception& error) {
        written = core::fail(core::make_error(core::ErrorCode::internal, "err_job_failed").with_detail(error.what()));
    }
    out->close();
    if (written && out->fail()) {
        written = core::fail(
            core::make_error(core::ErrorCode::unavailable, "err_job_file").with_detail("writing the file failed"));
    }
    if (!written) {
        fail(written.error(), context.job());
        return;
    }
    if (*written == 0) {
        m_directory.remove(job.file_name);
    }
    auto finished = m_service.apply(context.job(), JobStep::finish(*written, *written > 0));
    if (!finished) {
        // The job stays running in the database until the next start-up fails it; its file is of no use meanwhile.
        m_directory.remove(job.file_name);
        m_log->error(json_line(
            {{"event", "job_record_failed"}, {"id", job.id.value()}, {"error", core::describe(finished.error())}}));
        return;
    }
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    m_log->info(json_line({{"event", "job_done"},
                           {"id", job.id.value()},
                           {"kind", job.kind},
                           {"commune", job.commune.value()},
                           {"items", *written},
                           {"seconds", elapsed}}));
}

core::Result<std::size_t> JobRunner::expire_files() {
    GUICHET_TRY(old, m_service.files_older_than(m_keep_files));
    std::size_t expired = 0;
    for (const Job& job : old) {
        if (!m_directory.remove(job.file_name)) {
            m_log->error(json_line({{"event", "job_file_not_deleted"}, {"id", job.id.value()}}));
            continue;
        }
        GUICHET_TRY_STATUS(m_service.apply(job, JobStep::expire_file()));
        ++expired;
    }
    return expired;
}

}  // namespace guichet::jobs
