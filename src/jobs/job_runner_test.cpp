// The runner with the in-memory store and a real folder: files written as the handler goes and readable by the
// server's user only, failures that leave no file, the start-up recovery, the files deleted after a day, and a stop
// in the middle of a job.
#include "jobs/job_runner.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <future>
#include <map>
#include <thread>

#include "core/fixed_clock.h"
#include "jobs/in_memory_jobs.h"

namespace guichet::jobs {
namespace {

using namespace std::chrono_literals;

const core::CommuneId kCommune{1};
const core::AccountId kAgent{9001};

class Handlers final : public JobHandlers {
  public:
    const JobHandler* find(std::string_view kind) const override {
        const auto it = m_handlers.find(std::string(kind));
        return it == m_handlers.end() ? nullptr : &it->second;
    }
    std::map<std::string, JobHandler> m_handlers;
};

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 0777;
}

class JobRunnerTest : public ::testing::Test {
  protected:
    JobRunnerTest()
        : m_clock(*core::instant_from_iso_utc("2026-11-26T10:00:00Z")),
          m_service(m_work, m_clock),
          m_folder(make_folder()),
          m_runner(m_service, m_handlers, JobDirectory(m_folder / "travaux"), 24h,
                   std::make_shared<spdlog::logger>("jobs", std::make_shared<spdlog::sinks::null_sink_mt>())) {}
    ~JobRunnerTest() override {
        m_runner.stop();
        std::filesystem::remove_all(m_folder);
    }

    static std::filesystem::path make_folder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "guichet-jobs-XXXXXX").string();
        return ::mkdtemp(pattern.data());
    }

    Job queue(const std::string& kind = "letters") {
        auto job = m_service.queue({kCommune, kind, kAgent, "fr", "{}"});
        EXPECT_TRUE(job.has_value());
        return *job;
    }

    Job stored(core::JobId id) { return **m_service.find(kCommune, id); }

    std::filesystem::path file_of(const Job& job) { return m_folder / "travaux" / job.file_name; }

    // A handler that writes `chunks` lines of text, recording its progress after each and checking that the
    // progress is stored before it goes on.
    void writing(int chunks) {
        m_handlers.m_handlers["letters"] = {
            "txt", [this, chunks](const Job& job, JobContext& context) -> core::Result<long long> {
                for (int i = 1; i <= chunks; ++i) {
                    context.output() << "chunk " << i << "\n";
                    GUICHET_TRY_STATUS(context.progress(i, chunks));
                    EXPECT_EQ(stored(job.id).done_count, i);
                }
                return chunks;
            }};
    }

    testing::InMemoryJobs m_work;
    core::FixedClock m_clock;
    JobService m_service;
    Handlers m_handlers;
    std::filesystem::path m_folder;
    JobRunner m_runner;
};

TEST_F(JobRunnerTest, AJobWritesItsFileAsItGoesReadableByTheServerOnly) {
    writing(3);
    const Job queued = queue();
    EXPECT_EQ(m_runner.run_once(), 1u);
    const Job done = stored(queued.id);
    EXPECT_EQ(done.status, JobStatus::done);
    EXPECT_EQ(done.done_count, 3);
    EXPECT_EQ(done.total_count, 3);
    ASSERT_TRUE(done.file_ready());
    EXPECT_EQ(done.file_name.rfind("job-" + std::to_string(done.id.value()) + "-", 0), 0u) << done.file_name;
    EXPECT_EQ(done.file_name.substr(done.file_name.size() - 4), ".txt");
    EXPECT_EQ(*JobDirectory(m_folder / "travaux").read(done.file_name), "chunk 1\nchunk 2\nchunk 3\n");
    EXPECT_EQ(mode_of(file_of(done)), 0600u);
    EXPECT_EQ(mode_of(m_folder / "travaux"), 0700u);
    EXPECT_EQ(m_runner.run_once(), 0u) << "nothing left";
}

TEST_F(JobRunnerTest, AFailedJobKeepsNoFileAndSaysWhyWhenTheReasonIsTheAgentsToKnow) {
    struct Case {
        std::function<core::Result<long long>(const Job&, JobContext&)> run;
        std::string_view shown;
    };
    const Case cases[] = {
        {[](const Job&, JobContext& c) -> core::Result<long long> {
             c.output() << "half";
             return core::fail(core::ErrorCode::invalid_input, "err_commune_gone");
         },
         "err_commune_gone"},
        {[](const Job&, JobContext& c) -> core::Result<long long> {
             c.output() << "half";
             return core::fail(core::make_error(core::ErrorCode::unavailable, "error_unavailable").with_detail("db"));
         },
         "err_job_failed"},
        {[](const Job&, JobContext& c) -> core::Result<long long> {
             c.output() << "half";
             throw std::runtime_error("cairo: out of memory");
         },
         "err_job_failed"},
    };
    for (const auto& c : cases) {
        m_handlers.m_handlers["letters"] = {"pdf", c.run};
        const Job queued = queue();
        EXPECT_EQ(m_runner.run_once(), 1u);
        const Job failed = stored(queued.id);
        EXPECT_EQ(failed.status, JobStatus::failed) << c.shown;
        EXPECT_EQ(failed.error_key, c.shown);
        EXPECT_FALSE(std::filesystem::exists(file_of(failed))) << c.shown;
    }
}

TEST_F(JobRunnerTest, AJobWithNothingToWriteIsDoneWithoutAFileAndAnUnknownKindFails) {
    m_handlers.m_handlers["letters"] = {"pdf", [](const Job&, JobContext&) { return core::Result<long long>(0); }};
    const Job empty = queue();
    const Job unknown = queue("mystery");
    EXPECT_EQ(m_runner.run_once(), 2u);
    EXPECT_EQ(stored(empty.id).status, JobStatus::done);
    EXPECT_TRUE(stored(empty.id).file_name.empty());
    EXPECT_EQ(stored(unknown.id).status, JobStatus::failed);
    EXPECT_EQ(stored(unknown.id).error_key, "err_job_failed");
    EXPECT_TRUE(std::filesystem::is_empty(m_folder / "travaux")) << "no file left behind";
}

TEST_F(JobRunnerTest, AtStartUpAJobADeadProcessLeftRunningIsFailedAndItsPartialFileDeleted) {
    const Job queued = queue();
    const Job running = **m_service.start_next([](const Job& job) { return JobDirectory::file_name_for(job, "pdf"); });
    {
        auto out = JobDirectory(m_folder / "travaux").create(running.file_name);
        ASSERT_TRUE(out.has_value());
        *out << "%PDF-1.5 half a batch";
    }
    ASSERT_TRUE(std::filesystem::exists(file_of(running)));
    EXPECT_EQ(*m_runner.recover(), 1u);
    EXPECT_EQ(stored(queued.id).status, JobStatus::failed);
    EXPECT_EQ(stored(queued.id).error_key, "err_job_interrupted");
    EXPECT_FALSE(std::filesystem::exists(file_of(running)));
    EXPECT_EQ(*m_runner.recover(), 0u);
}

TEST_F(JobRunnerTest, FilesAreDeletedADayAfterTheJobFinishedAndTheJobSaysSo) {
    writing(1);
    const Job first = queue();
    ASSERT_EQ(m_runner.run_once(), 1u);
    m_clock.advance(12h);
    const Job second = queue();
    ASSERT_EQ(m_runner.run_once(), 1u);
    m_clock.advance(12h);
    EXPECT_EQ(*m_runner.expire_files(), 0u) << "exactly a day: kept";
    m_clock.advance(1s);
    EXPECT_EQ(*m_runner.expire_files(), 1u);
    EXPECT_FALSE(std::filesystem::exists(file_of(stored(first.id))));
    EXPECT_EQ(stored(first.id).file_expired_at, m_clock.now());
    EXPECT_FALSE(stored(first.id).file_ready());
    EXPECT_TRUE(stored(second.id).file_ready());
    EXPECT_TRUE(std::filesystem::exists(file_of(stored(second.id))));
    EXPECT_EQ(*m_runner.expire_files(), 0u);
}

TEST_F(JobRunnerTest, StoppingTheRunnerInterruptsTheJobInHandAtItsNextChunk) {
    std::promise<void> began;
    m_handlers.m_handlers["letters"] = {"pdf", [&began](const Job&, JobContext& context) -> core::Result<long long> {
                                            context.output() << "chunk 1";
                                            began.set_value();
                                            while (!context.stopping()) {
                                                std::this_thread::yield();
                                            }
                                            return core::fail(core::ErrorCode::unavailable, "err_job_interrupted");
                                        }};
    const Job queued = queue();
    m_runner.start(1h);
    began.get_future().wait();
    m_runner.stop();
    const Job interrupted = stored(queued.id);
    EXPECT_EQ(interrupted.status, JobStatus::failed);
    EXPECT_EQ(interrupted.error_key, "err_job_interrupted");
    EXPECT_FALSE(std::filesystem::exists(file_of(interrupted)));
}

}  // namespace
}  // namespace guichet::jobs
