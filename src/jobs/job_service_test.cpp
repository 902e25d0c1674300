// The jobs' use cases on the in-memory store with a fixed clock: queueing (one active job per commune and kind),
// the runner's steps, the jobs a dead process left running, and which files are old enough to go.
#include "jobs/job_service.h"

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "jobs/in_memory_jobs.h"

namespace guichet::jobs {
namespace {

using namespace std::chrono_literals;

const core::CommuneId kCommune{1};
const core::CommuneId kOtherCommune{2};
const core::AccountId kAgent{9001};

class JobServiceTest : public ::testing::Test {
  protected:
    JobServiceTest()
        : m_clock(*core::instant_from_iso_utc("2026-11-26T10:00:00Z")),
          m_service(m_work, m_clock, [this] { ++m_wakes; }) {}

    JobRequest request(core::CommuneId commune = kCommune, std::string kind = "key_letters") {
        return {commune, std::move(kind), kAgent, "fr", R"({"commune":"chanteloup-les-vignes"})"};
    }

    Job started() {
        auto job = m_service.start_next([](const Job& j) { return "job-" + std::to_string(j.id.value()) + ".pdf"; });
        EXPECT_TRUE(job.has_value() && job->has_value());
        return **job;
    }

    testing::InMemoryJobs m_work;
    core::FixedClock m_clock;
    int m_wakes = 0;
    JobService m_service;
};

TEST_F(JobServiceTest, ASecondJobOfTheSameKindIsRefusedWhileTheFirstIsActiveAndNamesIt) {
    const auto first = m_service.queue(request());
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->status, JobStatus::queued);
    EXPECT_EQ(first->language, "fr");
    EXPECT_EQ(m_wakes, 1);

    const auto second = m_service.queue(request());
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().code, core::ErrorCode::conflict);
    EXPECT_EQ(second.error().key, "err_job_already_active");
    EXPECT_EQ(second.error().param("job"), std::to_string(first->id.value()));
    EXPECT_EQ(m_work.state().jobs.size(), 1u);
    EXPECT_EQ(m_wakes, 1);

    EXPECT_TRUE(m_service.queue(request(kOtherCommune)).has_value()) << "another commune has its own";
    EXPECT_TRUE(m_service.queue(request(kCommune, "households_export")).has_value()) << "another kind too";
    EXPECT_EQ(m_work.state().jobs.size(), 3u);

    const Job running = started();
    ASSERT_FALSE(m_service.queue(request()).has_value()) << "running is active too";
    ASSERT_TRUE(m_service.apply(running, JobStep::finish(3, true)).has_value());
    EXPECT_TRUE(m_service.queue(request()).has_value()) << "once done, a new one may start";
}

TEST_F(JobServiceTest, AJobIsFoundInItsCommuneOnly) {
    const auto queued = *m_service.queue(request());
    EXPECT_TRUE(m_service.find(kCommune, queued.id)->has_value());
    EXPECT_FALSE(m_service.find(kOtherCommune, queued.id)->has_value());
    EXPECT_FALSE(m_service.find(kCommune, core::JobId{queued.id.value() + 1})->has_value());
    EXPECT_EQ((*m_service.latest(kCommune, "key_letters"))->id, queued.id);
    EXPECT_FALSE(m_service.latest(kOtherCommune, "key_letters")->has_value());
}

TEST_F(JobServiceTest, TheRunnerStartsTheOldestQueuedJobAndRecordsItsProgress) {
    const auto first = *m_service.queue(request());
    const auto second = *m_service.queue(request(kOtherCommune));
    m_clock.advance(1min);
    Job job = started();
    EXPECT_EQ(job.id, first.id);
    EXPECT_EQ(job.status, JobStatus::running);
    EXPECT_EQ(job.file_name, "job-" + std::to_string(first.id.value()) + ".pdf");
    EXPECT_EQ(job.started_at, m_clock.now());

    job = *m_service.apply(job, JobStep::progress(500, 1200));
    const Job stored = **m_service.find(kCommune, first.id);
    EXPECT_EQ(stored.done_count, 500);
    EXPECT_EQ(stored.total_count, 1200);

    EXPECT_EQ(started().id, second.id);
    EXPECT_FALSE(m_service.start_next([](const Job&) { return "x.pdf"; })->has_value()) << "none left";

    const auto refused = m_service.apply(stored, JobStep::start("again.pdf"));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().key, "err_job_step");
}

TEST_F(JobServiceTest, AStepOnAStaleCopyIsRefused) {
    (void)*m_service.queue(request());
    const Job job = started();
    ASSERT_EQ(m_service.fail_interrupted()->size(), 1u);  // another process restarted meanwhile
    const auto progress = m_service.apply(job, JobStep::progress(1, 2));
    ASSERT_FALSE(progress.has_value());
    EXPECT_EQ(progress.error().key, "err_job_changed");
    EXPECT_EQ((*m_service.find(kCommune, job.id))->status, JobStatus::failed);
}

TEST_F(JobServiceTest, JobsLeftRunningByADeadProcessAreFailedAndQueuedOnesWait) {
    (void)*m_service.queue(request());
    const Job running = started();
    const auto waiting = *m_service.queue(request(kOtherCommune));
    const auto failed = *m_service.fail_interrupted();
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0].id, running.id);
    EXPECT_EQ(failed[0].file_name, running.file_name) << "so that its partial file can be deleted";
    const Job stored = **m_service.find(kCommune, running.id);
    EXPECT_EQ(stored.status, JobStatus::failed);
    EXPECT_EQ(stored.error_key, "err_job_interrupted");
    EXPECT_EQ(stored.finished_at, m_clock.now());
    EXPECT_EQ((*m_service.find(kOtherCommune, waiting.id))->status, JobStatus::queued);
    EXPECT_TRUE(m_service.fail_interrupted()->empty());
}

TEST_F(JobServiceTest, OnlyTheFilesOfDoneJobsOlderThanTheLimitAreDue) {
    (void)*m_service.queue(request());
    const Job old = *m_service.apply(started(), JobStep::finish(10, true));
    m_clock.advance(23h);
    (void)*m_service.queue(request());
    const Job recent = *m_service.apply(started(), JobStep::finish(10, true));
    (void)*m_service.queue(request());
    (void)*m_service.apply(started(), JobStep::finish(0, false));  // wrote nothing: no file
    m_clock.advance(1h + 1s);
    const auto due = *m_service.files_older_than(24h);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].id, old.id);
    ASSERT_TRUE(m_service.apply(due[0], JobStep::expire_file()).has_value());
    EXPECT_TRUE(m_service.files_older_than(24h)->empty());
    m_clock.advance(23h);
    ASSERT_EQ(m_service.files_older_than(24h)->size(), 1u);
    EXPECT_EQ(m_service.files_older_than(24h)->front().id, recent.id);
}

}  // namespace
}  // namespace guichet::jobs
