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

core::Result<std::unique_lock<std::timed_mutex>> Database::writer_turn() {
    if (m_url.backend != Backend::sqlite) {
        return std::unique_lock<std::timed_mutex>();
    }
    // As long as SQLite's own busy timeout (sqlite/sqlite_backend.cpp), after which a writer gives up there too.
    std::unique_lock<std::timed_mutex> turn(m_writer, std::chrono::milliseconds(5000));
    if (!turn.owns_lock()) {
        return core::fail(core::make_error(core::ErrorCode::unavailable, "error_unavailable")
                              .with_detail("no turn to write within the busy timeout"));
    }
    return turn;
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
