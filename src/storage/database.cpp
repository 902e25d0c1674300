#include "storage/database.h"

#include <algorithm>
#include <chrono>

#include "storage/postgres/postgres_backend.h"
#include "storage/sqlite/sqlite_backend.h"

namespace guichet::storage {

Database::Database(DatabaseUrl url, std::size_t pool_size)
    : m_url(std::move(url)), m_pool_size(pool_size), m_pool(pool_size), m_statements(pool_size) {
    for (std::size_t i = 0; i < pool_size; ++i) {
        m_positions.emplace(&m_pool.at(i), i);
    }
}

StatementCache& Database::statements(soci::session& session) {
    return m_statements.at(m_positions.at(&session));
}

Database::~Database() = default;

core::Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl& url, std::size_t pool_size) {
    pool_size = std::max<std::size_t>(pool_size, 1);
    std::unique_ptr<Database> database(new Database(url, pool_size));
    for (std::size_t i = 0; i < pool_size; ++i) {
        soci::session& session = database->m_pool.at(i);
        try {
            if (url.backend == Backend::sqlite) {
                sqlite::open_session(session, url.connect_string);
            } else {
                postgres::open_session(session, url.connect_string);
            }
        } catch (const std::exception& error) {
            return core::fail(core::make_error(core::ErrorCode::unavailable, "err_database_unreachable")
                                  .with("database", url.redacted)
                                  .with_detail(error.what()));
        }
    }
    return database;
}

core::Status Database::ping() {
    return read([](soci::session& session) -> core::Status {
        int one = 0;
        session << "SELECT 1", soci::into(one);
        if (one != 1) {
            return core::fail(core::make_error(core::ErrorCode::unavailable, "error_unavailable")
                                  .with_detail("SELECT 1 answered wrongly"));
        }
        return {};
    });
}

core::Status Database::write_in_group(PendingWrite& write) {
    // As long as SQLite's own busy timeout (sqlite/sqlite_backend.cpp), after which a writer gives up there too.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(5000);
    std::unique_lock<std::mutex> lock(m_group_mutex);
    m_group_queue.push_back(&write);
    while (!write.done) {
        if (!m_group_running) {
            // No group runs: this writer runs the queue, its own write with those that arrived meanwhile.
            m_group_running = true;
            std::vector<PendingWrite*> group(m_group_queue.begin(), m_group_queue.end());
            m_group_queue.clear();
            for (PendingWrite* pending : group) {
                pending->taken = true;
            }
            lock.unlock();
            run_group(group);
            lock.lock();
            for (PendingWrite* pending : group) {
                pending->done = true;
            }
            m_group_running = false;
            m_group_done.notify_all();
        } else if (write.taken) {
            m_group_done.wait(lock);
        } else if (m_group_done.wait_until(lock, deadline) == std::cv_status::timeout && !write.taken) {
            m_group_queue.erase(std::find(m_group_queue.begin(), m_group_queue.end(), &write));
            return core::fail(core::make_error(core::ErrorCode::unavailable, "error_unavailable")
                                  .with_detail("no turn to write within the busy timeout"));
        }
    }
    if (write.failure) {
        return tl::unexpected<core::Error>(*write.failure);
    }
    return {};
}

void Database::run_group(const std::vector<PendingWrite*>& group) noexcept {
    Lease lease(m_pool);
    soci::session& session = lease.session();
    m_writes.fetch_add(group.size(), std::memory_order_relaxed);
    m_write_transactions.fetch_add(1, std::memory_order_relaxed);
    // Nothing of a group whose transaction broke is kept: every write of it fails with the same error.
    const auto fail_all = [&](const std::exception& error) {
        rollback_quietly(session);
        const auto translated = translate_sql_error(error, m_url.backend);
        reconnect_if_lost(lease, translated.kind);
        for (PendingWrite* pending : group) {
            pending->failure = translated.error;
        }
    };
    try {
        begin(session);
    } catch (const std::exception& error) {
        fail_all(error);
        return;
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
        try {
            session << "SAVEPOINT guichet_write";
        } catch (const std::exception& error) {
            fail_all(error);
            return;
        }
        const bool keep = group[i]->run(session);
        try {
            if (!keep) {
                session << "ROLLBACK TO guichet_write";
            }
            session << "RELEASE guichet_write";
        } catch (const std::exception& error) {
            // The work broke the transaction itself (SQLite undid it on a full disk, an I/O error): nothing of the
            // group can be kept.
            fail_all(error);
            return;
        }
    }
    try {
        session << "COMMIT";
    } catch (const std::exception& error) {
        fail_all(error);
    }
}

void Database::begin(soci::session& session) const {
    session << (m_url.backend == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

void Database::rollback_quietly(soci::session& session) noexcept {
    try {
        session << "ROLLBACK";
    } catch (...) {
        // The transaction may already be gone with the connection; there is nothing left to undo.
    }
}

void Database::reconnect_if_lost(Lease& lease, const SqlErrorKind kind) noexcept {
    if (kind != SqlErrorKind::connection_lost || m_url.backend != Backend::postgresql) {
        return;
    }
    // The statements prepared on the lost connection are gone with it.
    m_statements[lease.position()].clear();
    try {
        lease.session().reconnect();
    } catch (...) {
        // Still unreachable: the next request tries again, and /readyz reports it meanwhile.
    }
}

}  // namespace guichet::storage
