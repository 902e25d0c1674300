#pragma once

#include <soci/soci.h>

#include "jobs/job_store.h"
#include "storage/database_url.h"

namespace guichet::storage {

// jobs::JobStore on one SQL transaction (both backends). Handed out by the unit of work (storage/unit_of_work.h);
// lives as long as its transaction.
class SqlJobStore final : public jobs::JobStore {
  public:
    SqlJobStore(soci::session& session, Backend backend) : m_session(session), m_backend(backend) {}

    core::Result<core::JobId> insert(const jobs::Job& job) override;
    core::Result<bool> update(const jobs::Job& job, jobs::JobStatus expected) override;
    core::Result<std::optional<jobs::Job>> find(core::CommuneId commune, core::JobId id) override;
    core::Result<std::optional<jobs::Job>> latest(core::CommuneId commune, std::string_view kind) override;
    core::Result<std::optional<jobs::Job>> next_queued() override;
    core::Result<std::vector<jobs::Job>> with_status(jobs::JobStatus status) override;
    core::Result<std::vector<jobs::Job>> files_finished_before(core::Instant cutoff) override;

  private:
    soci::session& m_session;
    Backend m_backend;
};

}  // namespace guichet::storage
