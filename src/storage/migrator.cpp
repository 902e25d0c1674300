#include "storage/migrator.h"

#include <set>

namespace guichet::storage {
namespace {

// Arbitrary constant naming Guichet's migration lock among PostgreSQL advisory locks.
constexpr long long kMigrationLockKey = 0x6775696368657431;

std::int64_t micros_since_epoch(core::Instant instant) {
    return instant.time_since_epoch().count();
}

core::Result<std::set<int>> applied_versions(soci::session& session) {
    std::set<int> versions;
    soci::rowset<int> rows = (session.prepare << "SELECT version FROM schema_migration");
    for (int version : rows) {
        versions.insert(version);
    }
    return versions;
}

}  // namespace

Migrator::Migrator(Database& database, const core::Clock& clock) : m_database(database), m_clock(clock) {}

const std::vector<Migration>& Migrator::migrations() const {
    return all_migrations();
}

core::Status Migrator::ensure_history_table() {
    const bool is_sqlite = m_database.backend() == Backend::sqlite;
    return m_database.transact([is_sqlite](soci::session& session) -> core::Status {
        if (is_sqlite) {
            session << "CREATE TABLE IF NOT EXISTS schema_migration ("
                       " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_us INTEGER NOT NULL) STRICT";
        } else {
            session << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
            session << "CREATE TABLE IF NOT EXISTS schema_migration ("
                       " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_us BIGINT NOT NULL)";
        }
        return {};
    });
}

core::Result<int> Migrator::apply_pending() {
    GUICHET_TRY_STATUS(ensure_history_table());
    int applied = 0;
    const bool is_postgres = m_database.backend() == Backend::postgresql;
    for (const Migration& migration : migrations()) {
        const auto now = micros_since_epoch(m_clock.now());
        auto step = m_database.transact([&](soci::session& session) -> core::Result<bool> {
            if (is_postgres) {
                session << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
            }
            GUICHET_TRY(done, applied_versions(session));
            if (done.count(migration.version) != 0) {
                return false;
            }
            const Dialect& dialect = dialect_of(m_database.backend());
            for (std::string_view statement : migration.statements) {
                session << render_statement(statement, dialect);
            }
            const std::string name(migration.name);
            const int version = migration.version;
            session << "INSERT INTO schema_migration (version, name, applied_at_us) VALUES (:v, :n, :t)",
                soci::use(version), soci::use(name), soci::use(now);
            return true;
        });
        if (!step) {
            core::Error error = step.error();
            error.detail = "migration " + std::to_string(migration.version) + " (" + std::string(migration.name) +
                           ") failed: " + error.detail;
            return tl::unexpected<core::Error>(std::move(error));
        }
        applied += *step ? 1 : 0;
    }
    return applied;
}

core::Result<std::vector<MigrationState>> Migrator::states() {
    GUICHET_TRY_STATUS(ensure_history_table());
    GUICHET_TRY(done, m_database.read([](soci::session& session) { return applied_versions(session); }));
    std::vector<MigrationState> states;
    for (const Migration& migration : migrations()) {
        states.push_back({migration.version, std::string(migration.name), done.count(migration.version) != 0});
    }
    return states;
}

core::Result<int> Migrator::pending_count() {
    GUICHET_TRY(all, states());
    int pending = 0;
    for (const auto& state : all) {
        pending += state.applied ? 0 : 1;
    }
    return pending;
}

}  // namespace guichet::storage
