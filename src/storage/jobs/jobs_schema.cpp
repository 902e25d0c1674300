#include "storage/migration.h"

namespace guichet::storage {

// Background jobs (a batch of letters, an export) and where each stands. The partial unique index is the rule "one
// active job of a kind per commune": two agents asking at the same moment get one job, on both backends.
std::vector<Migration> jobs_migrations() {
    return {
        {5,
         "jobs",
         {
             R"sql(CREATE TABLE job (
                id {id},
                commune_id {int} NOT NULL REFERENCES commune(id),
                kind TEXT NOT NULL,
                requested_by {int} NOT NULL REFERENCES account(id),
                language TEXT NOT NULL,
                parameters TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
                done_count {int} NOT NULL,
                total_count {int} NOT NULL,
                file_name TEXT NOT NULL,
                error_key TEXT NOT NULL,
                created_at_us {int} NOT NULL,
                started_at_us {int},
                finished_at_us {int},
                file_expired_at_us {int}
              ){strict})sql",
             R"sql(CREATE UNIQUE INDEX job_active_by_kind ON job (commune_id, kind)
                WHERE status IN ('queued', 'running'))sql",
             R"sql(CREATE INDEX job_by_commune ON job (commune_id, kind, id))sql",
             R"sql(CREATE INDEX job_by_status ON job (status, id))sql",
         }},
    };
}

}  // namespace guichet::storage
