#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "core/result.h"
#include "storage/database_url.h"
#include "storage/sql_error.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// A pool of connections to one database, SQLite or PostgreSQL, and the only way the rest of storage/ reaches it.
// Thread-safe: each call leases its own session from the pool, waiting when all are in use.
class Database {
  public:
    // Opens pool_size connections (at least one). For SQLite, creates the file if needed and sets WAL, foreign keys,
    // synchronous=FULL and a busy timeout on every connection. Returns unavailable when the database cannot be reached.
    [[nodiscard]] static core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, std::size_t pool_size);

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] Backend backend() const { return m_url.backend; }
    [[nodiscard]] const DatabaseUrl& url() const { return m_url; }

    // Runs work(soci::session&) inside one transaction: committed when work returns a value, rolled back when it
    // returns an error or throws. On SQLite the transaction takes the write lock at once (BEGIN IMMEDIATE), so two
    // writers queue instead of failing on upgrade; the writers of this process queue first on a mutex of their own
    // (see m_writer). Driver errors come back as core::Error (conflict for a constraint violation, unavailable for
    // a lost connection or a write lock not had within the busy timeout, internal otherwise).
    template <class Work>
    auto transact(Work&& work) -> std::invoke_result_t<Work, soci::session&>;

    // Runs work(soci::session&) for reading, outside an explicit transaction; driver errors as in transact.
    template <class Work>
    auto read(Work&& work) -> std::invoke_result_t<Work, soci::session&>;

    // Returns success when a trivial query answers.
    [[nodiscard]] core::Status ping();

    // Returns the statement cache of the pooled connection `session` (one handed to work by transact or read).
    // REQUIRES: the caller holds that connection, i.e. runs inside transact or read.
    [[nodiscard]] StatementCache& statements(soci::session& session);

  private:
    explicit Database(DatabaseUrl url, std::size_t pool_size);

    // Holds one pooled connection for the scope of a call.
    class Lease {
      public:
        explicit Lease(soci::connection_pool& pool) : m_pool(pool), m_position(pool.lease()) {}
        ~Lease() { m_pool.give_back(m_position); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        [[nodiscard]] soci::session& session() { return m_pool.at(m_position); }
        [[nodiscard]] std::size_t position() const { return m_position; }

      private:
        soci::connection_pool& m_pool;
        std::size_t m_position;
    };

    // On SQLite, this process's turn to write (an empty lock on PostgreSQL); unavailable when not had in time.
    [[nodiscard]] core::Result<std::unique_lock<std::timed_mutex>> writer_turn();
    void begin(soci::session& session) const;
    static void rollback_quietly(soci::session& session) noexcept;
    void reconnect_if_lost(Lease& lease, const SqlErrorKind kind) noexcept;

    DatabaseUrl m_url;
    std::size_t m_pool_size;
    soci::connection_pool m_pool;
    // One per pooled connection, by pool position; declared after the pool, so destroyed (with their statements)
    // before the connections are.
    std::vector<StatementCache> m_statements;
    // The pool position of each pooled session, by address; filled when the database opens, read-only after.
    std::unordered_map<const soci::session*, std::size_t> m_positions;
    // SQLite has one writer at a time. Left to SQLite, writers that find the lock taken poll it with growing sleeps
    // (its busy handler: 1, 2, 5, 10 ms… up to 100 ms), so that under load the lock sits free while they sleep and
    // a commit's latency grows with the queue. This process's writers wait here instead, woken as soon as the one
    // before them commits; the busy timeout still arbitrates with other processes (the command line).
    std::timed_mutex m_writer;
};

template <class Work>
auto Database::transact(Work&& work) -> std::invoke_result_t<Work, soci::session&> {
    using ResultType = std::invoke_result_t<Work, soci::session&>;
    Lease lease(m_pool);
    soci::session& session = lease.session();
    auto turn = writer_turn();
    if (!turn) {
        return tl::unexpected<core::Error>(turn.error());
    }
    try {
        begin(session);
        ResultType result = std::forward<Work>(work)(session);
        if (result) {
            session << "COMMIT";
        } else {
            rollback_quietly(session);
        }
        return result;
    } catch (const std::exception& error) {
        rollback_quietly(session);
        const auto translated = translate_sql_error(error, m_url.backend);
        reconnect_if_lost(lease, translated.kind);
        return tl::unexpected<core::Error>(translated.error);
    }
}

template <class Work>
auto Database::read(Work&& work) -> std::invoke_result_t<Work, soci::session&> {
    Lease lease(m_pool);
    try {
        return std::forward<Work>(work)(lease.session());
    } catch (const std::exception& error) {
        const auto translated = translate_sql_error(error, m_url.backend);
        reconnect_if_lost(lease, translated.kind);
        return tl::unexpected<core::Error>(translated.error);
    }
}

}  // namespace guichet::storage
