#include "storage/jobs/sql_job_store.h"

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using jobs::Job;
using jobs::JobStatus;

constexpr const char* kColumns =
    "SELECT id, commune_id, kind, requested_by, language, parameters, status, done_count, total_count, file_name, "
    "error_key, created_at_us, started_at_us, finished_at_us, file_expired_at_us FROM job ";

struct JobRow {
    long long id = 0, commune = 0, requested_by = 0, done = 0, total = 0, created = 0;
    std::string kind, language, parameters, status, file_name, error_key;
    OptionalInstantColumn started, finished, expired;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(kind));
        s.exchange(soci::into(requested_by));
        for (std::string* column : {&language, &parameters, &status})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(done));
        s.exchange(soci::into(total));
        s.exchange(soci::into(file_name));
        s.exchange(soci::into(error_key));
        s.exchange(soci::into(created));
        for (OptionalInstantColumn* column : {&started, &finished, &expired})
            s.exchange(soci::into(column->micros, column->indicator));
    }

    [[nodiscard]] Job value() const {
        Job job;
        job.id = core::JobId{id};
        job.commune = core::CommuneId{commune};
        job.kind = kind;
        job.requested_by = core::AccountId{requested_by};
        job.language = language;
        job.parameters = parameters;
        job.status = jobs::job_status_from_name(status).value_or(JobStatus::failed);
        job.done_count = done;
        job.total_count = total;
        job.file_name = file_name;
        job.error_key = error_key;
        job.created_at = from_micros(created);
        job.started_at = started.get();
        job.finished_at = finished.get();
        job.file_expired_at = expired.get();
        return job;
    }
};

}  // namespace

core::Result<core::JobId> SqlJobStore::insert(const Job& job) {
    long long commune = job.commune.value(), requested_by = job.requested_by.value(), done = job.done_count,
              total = job.total_count, created = to_micros(job.created_at), id = 0;
    const std::string status(jobs::job_status_name(job.status));
    m_session << "INSERT INTO job (commune_id, kind, requested_by, language, parameters, status, done_count, "
                 "total_count, file_name, error_key, created_at_us) VALUES (:c, :k, :r, :l, :p, :s, :d, :t, :f, :e, "
                 ":at) RETURNING id",
        soci::use(commune), soci::use(job.kind), soci::use(requested_by), soci::use(job.language),
        soci::use(job.parameters), soci::use(status), soci::use(done), soci::use(total), soci::use(job.file_name),
        soci::use(job.error_key), soci::use(created), soci::into(id);
    return core::JobId{id};
}

core::Result<bool> SqlJobStore::update(const Job& job, JobStatus expected) {
    long long id = job.id.value(), done = job.done_count, total = job.total_count;
    const std::string status(jobs::job_status_name(job.status));
    const std::string previous(jobs::job_status_name(expected));
    OptionalInstantColumn started, finished, expired;
    started.set(job.started_at);
    finished.set(job.finished_at);
    expired.set(job.file_expired_at);
    soci::statement statement =
        (m_session.prepare << "UPDATE job SET status = :s, done_count = :d, total_count = :t, file_name = :f, "
                              "error_key = :e, started_at_us = :sa, finished_at_us = :fa, file_expired_at_us = :xa "
                              "WHERE id = :id AND status = :previous",
         soci::use(status), soci::use(done), soci::use(total), soci::use(job.file_name), soci::use(job.error_key),
         soci::use(started.micros, started.indicator), soci::use(finished.micros, finished.indicator),
         soci::use(expired.micros, expired.indicator), soci::use(id), soci::use(previous));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::optional<Job>> SqlJobStore::find(core::CommuneId commune, core::JobId id) {
    long long c = commune.value(), j = id.value();
    return first(query_rows<JobRow>(m_session, std::string(kColumns) + "WHERE commune_id = :c AND id = :id",
                                    [&](soci::statement& s) {
                                        s.exchange(soci::use(c));
                                        s.exchange(soci::use(j));
                                    }));
}

core::Result<std::optional<Job>> SqlJobStore::latest(core::CommuneId commune, std::string_view kind) {
    long long c = commune.value();
    const std::string wanted(kind);
    return first(query_rows<JobRow>(
        m_session, std::string(kColumns) + "WHERE commune_id = :c AND kind = :k ORDER BY id DESC LIMIT 1",
        [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(wanted));
        }));
}

core::Result<std::optional<Job>> SqlJobStore::next_queued() {
    // On PostgreSQL another process's runner skips the row this one holds; SQLite's write lock serialises them.
    const std::string lock = m_backend == Backend::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
    return first(query_rows<JobRow>(m_session,
                                    std::string(kColumns) + "WHERE status = 'queued' ORDER BY id LIMIT 1" + lock,
                                    [](soci::statement&) {}));
}

core::Result<std::vector<Job>> SqlJobStore::with_status(JobStatus status) {
    const std::string name(jobs::job_status_name(status));
    return query_rows<JobRow>(m_session, std::string(kColumns) + "WHERE status = :s ORDER BY id",
                              [&](soci::statement& s) { s.exchange(soci::use(name)); });
}

core::Result<std::vector<Job>> SqlJobStore::files_finished_before(core::Instant cutoff) {
    long long before = to_micros(cutoff);
    return query_rows<JobRow>(m_session,
                              std::string(kColumns) +
                                  "WHERE status = 'done' AND file_name <> '' AND file_expired_at_us IS NULL AND "
                                  "finished_at_us < :before ORDER BY id",
                              [&](soci::statement& s) { s.exchange(soci::use(before)); });
}

}  // namespace guichet::storage
