#include "storage/jobs/sql_job_store.h"

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "jobs/job_service.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using namespace std::chrono_literals;
using jobs::Job;
using jobs::JobStatus;
using jobs::JobStep;

class SqlJobStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value());
        SqlCommuneRepository communes(m_test.database(), m_clock);
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        m_commune = communes.insert(commune)->id;
        commune.slug = "andresy";
        m_other = communes.insert(commune)->id;
        ASSERT_TRUE(m_store.identity()
                        .write([&](identity::Transaction& tx) -> core::Status {
                            identity::Account account;
                            account.commune = m_commune;
                            account.role = identity::Role::agent;
                            account.username = "agent";
                            account.email = "agent@example.fr";
                            GUICHET_TRY(id, tx.identity().insert_account(account));
                            m_agent = id;
                            return {};
                        })
                        .has_value());
    }

    jobs::JobRequest request(core::CommuneId commune, std::string kind = "key_letters") {
        return {commune, std::move(kind), m_agent, "en", R"({"portal_url":"https://portail.example/"})"};
    }

    Job start_next() {
        auto job = m_jobs.start_next([](const Job& j) { return "job-" + std::to_string(j.id.value()) + "-ab.pdf"; });
        EXPECT_TRUE(job.has_value() && job->has_value()) << (job ? "none queued" : core::describe(job.error()));
        return **job;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{*core::instant_from_iso_utc("2026-11-26T10:00:00Z")};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::hold};
    jobs::JobService m_jobs{m_store.jobs(), m_clock};
    core::CommuneId m_commune{0};
    core::CommuneId m_other{0};
    core::AccountId m_agent{0};
};

TEST_F(SqlJobStoreTest, AJobKeepsEveryFieldThroughItsLifeAndIsFoundInItsCommuneOnly) {
    const Job queued = *m_jobs.queue(request(m_commune));
    const Job read = **m_jobs.find(m_commune, queued.id);
    EXPECT_EQ(read.kind, "key_letters");
    EXPECT_EQ(read.requested_by, m_agent);
    EXPECT_EQ(read.language, "en");
    EXPECT_EQ(read.parameters, R"({"portal_url":"https://portail.example/"})");
    EXPECT_EQ(read.status, JobStatus::queued);
    EXPECT_EQ(read.created_at, m_clock.now());
    EXPECT_FALSE(read.started_at.has_value());
    EXPECT_FALSE(m_jobs.find(m_other, queued.id)->has_value());

    m_clock.advance(2s);
    Job job = start_next();
    EXPECT_EQ(job.id, queued.id);
    job = *m_jobs.apply(job, JobStep::progress(500, 20000));
    m_clock.advance(40s);
    job = *m_jobs.apply(job, JobStep::finish(19999, true));
    const Job done = **m_jobs.find(m_commune, queued.id);
    EXPECT_EQ(done.status, JobStatus::done);
    EXPECT_EQ(done.done_count, 19999);
    EXPECT_EQ(done.total_count, 19999);
    EXPECT_EQ(done.file_name, "job-" + std::to_string(queued.id.value()) + "-ab.pdf");
    EXPECT_EQ(done.started_at, *core::instant_from_iso_utc("2026-11-26T10:00:02Z"));
    EXPECT_EQ(done.finished_at, *core::instant_from_iso_utc("2026-11-26T10:00:42Z"));
    EXPECT_TRUE(done.file_ready());
    EXPECT_EQ((*m_jobs.latest(m_commune, "key_letters"))->id, queued.id);
    EXPECT_FALSE(m_jobs.latest(m_other, "key_letters")->has_value());
}

TEST_F(SqlJobStoreTest, TheDatabaseHoldsOneActiveJobOfAKindPerCommune) {
    const Job first = *m_jobs.queue(request(m_commune));
    const auto refused = m_jobs.queue(request(m_commune));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().key, "err_job_already_active");
    EXPECT_EQ(refused.error().param("job"), std::to_string(first.id.value()));

    // Past the service's own check, as a second request racing the first would be: the index refuses it.
    Job racing = first;
    const auto raced = m_store.jobs().write([&](jobs::Transaction& tx) -> core::Status {
        GUICHET_TRY(id, tx.jobs().insert(racing));
        (void)id;
        return {};
    });
    ASSERT_FALSE(raced.has_value());
    EXPECT_EQ(raced.error().code, core::ErrorCode::conflict);

    EXPECT_TRUE(m_jobs.queue(request(m_other)).has_value());
    EXPECT_TRUE(m_jobs.queue(request(m_commune, "households_export")).has_value());
    ASSERT_TRUE(m_jobs.apply(start_next(), JobStep::fail("err_job_failed")).has_value());
    EXPECT_TRUE(m_jobs.queue(request(m_commune)).has_value()) << "a failed job no longer blocks";
}

TEST_F(SqlJobStoreTest, RunnersTakeQueuedJobsOldestFirstAndAStaleStepChangesNothing) {
    const Job first = *m_jobs.queue(request(m_commune));
    const Job second = *m_jobs.queue(request(m_other));
    const Job running = start_next();
    EXPECT_EQ(running.id, first.id);
    EXPECT_EQ(start_next().id, second.id);
    EXPECT_FALSE(m_jobs.start_next([](const Job&) { return "x"; })->has_value());

    const auto failed = *m_jobs.fail_interrupted();
    ASSERT_EQ(failed.size(), 2u);
    EXPECT_EQ(failed[0].id, first.id);
    EXPECT_EQ((*m_jobs.find(m_commune, first.id))->error_key, "err_job_interrupted");
    const auto stale = m_jobs.apply(running, JobStep::progress(1, 2));
    ASSERT_FALSE(stale.has_value());
    EXPECT_EQ(stale.error().key, "err_job_changed");
    EXPECT_EQ((*m_jobs.find(m_commune, first.id))->status, JobStatus::failed);
    EXPECT_EQ((*m_jobs.find(m_commune, first.id))->done_count, 0);
}

TEST_F(SqlJobStoreTest, OnlyFilesOfDoneJobsPastTheLimitAreDueAndAnExpiredFileIsRecorded) {
    (void)*m_jobs.queue(request(m_commune));
    const Job old = *m_jobs.apply(start_next(), JobStep::finish(3, true));
    (void)*m_jobs.queue(request(m_other));
    (void)*m_jobs.apply(start_next(), JobStep::finish(0, false));
    m_clock.advance(24h + 1s);
    (void)*m_jobs.queue(request(m_commune));
    (void)*m_jobs.apply(start_next(), JobStep::finish(3, true));
    const auto due = *m_jobs.files_older_than(24h);
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].id, old.id);
    ASSERT_TRUE(m_jobs.apply(due[0], JobStep::expire_file()).has_value());
    const Job expired = **m_jobs.find(m_commune, old.id);
    EXPECT_EQ(expired.file_expired_at, m_clock.now());
    EXPECT_FALSE(expired.file_ready());
    EXPECT_TRUE(m_jobs.files_older_than(24h)->empty());
}

}  // namespace
}  // namespace guichet::storage
