#include "jobs/job.h"

#include <gtest/gtest.h>

namespace guichet::jobs {
namespace {

const core::Instant kNow = *core::instant_from_iso_utc("2026-11-26T10:00:00Z");

Job in(JobStatus status) {
    Job job;
    job.id = core::JobId{7};
    job.status = status;
    if (status != JobStatus::queued)
        job.file_name = "job-7-0123456789abcdef.pdf";
    return job;
}

TEST(Job, StepsAreAllowedOnlyFromTheirStatuses) {
    struct Case {
        JobStatus from;
        JobStep step;
        std::optional<JobStatus> to;  // std::nullopt: refused
    };
    const Case cases[] = {
        {JobStatus::queued, JobStep::start("f.pdf"), JobStatus::running},
        {JobStatus::queued, JobStep::start(""), std::nullopt},
        {JobStatus::running, JobStep::start("f.pdf"), std::nullopt},
        {JobStatus::queued, JobStep::progress(1, 2), std::nullopt},
        {JobStatus::running, JobStep::progress(1, 2), JobStatus::running},
        {JobStatus::running, JobStep::progress(-1, 2), std::nullopt},
        {JobStatus::done, JobStep::progress(1, 2), std::nullopt},
        {JobStatus::running, JobStep::finish(2, true), JobStatus::done},
        {JobStatus::queued, JobStep::finish(2, true), std::nullopt},
        {JobStatus::done, JobStep::finish(2, true), std::nullopt},
        {JobStatus::queued, JobStep::fail("err_job_failed"), JobStatus::failed},
        {JobStatus::running, JobStep::fail("err_job_failed"), JobStatus::failed},
        {JobStatus::running, JobStep::fail(""), std::nullopt},
        {JobStatus::done, JobStep::fail("err_job_failed"), std::nullopt},
        {JobStatus::failed, JobStep::fail("err_job_failed"), std::nullopt},
        {JobStatus::done, JobStep::expire_file(), JobStatus::done},
        {JobStatus::running, JobStep::expire_file(), std::nullopt},
        {JobStatus::failed, JobStep::expire_file(), std::nullopt},
    };
    for (const auto& c : cases) {
        const auto after = advance(in(c.from), c.step, kNow);
        EXPECT_EQ(after.has_value(), c.to.has_value())
            << job_status_name(c.from) << " step " << static_cast<int>(c.step.kind);
        if (after && c.to) {
            EXPECT_EQ(after->status, *c.to) << job_status_name(c.from) << " step " << static_cast<int>(c.step.kind);
        }
    }
}

TEST(Job, FinishingRecordsWhatWasWrittenAndAnExpiredFileIsNoLongerReady) {
    auto running = *advance(in(JobStatus::queued), JobStep::start("job-7-a.pdf"), kNow);
    EXPECT_EQ(running.started_at, kNow);
    running = *advance(running, JobStep::progress(500, 20000), kNow);
    EXPECT_EQ(running.done_count, 500);
    EXPECT_EQ(running.total_count, 20000);
    const auto done = *advance(running, JobStep::finish(19998, true), kNow);
    EXPECT_EQ(done.total_count, 19998) << "the count written, not the one expected";
    EXPECT_TRUE(done.file_ready());
    const auto expired = *advance(done, JobStep::expire_file(), kNow);
    EXPECT_FALSE(expired.file_ready());
    EXPECT_EQ(expired.file_expired_at, kNow);
    EXPECT_FALSE(advance(expired, JobStep::expire_file(), kNow).has_value()) << "a file expires once";

    const auto nothing = *advance(running, JobStep::finish(0, false), kNow);
    EXPECT_TRUE(nothing.file_name.empty());
    EXPECT_FALSE(nothing.file_ready());
}

TEST(Job, StatusNamesReadBack) {
    for (JobStatus status : {JobStatus::queued, JobStatus::running, JobStatus::done, JobStatus::failed}) {
        EXPECT_EQ(job_status_from_name(job_status_name(status)), status);
    }
    EXPECT_FALSE(job_status_from_name("paused").has_value());
}

}  // namespace
}  // namespace guichet::jobs
