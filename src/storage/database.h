#pragma once

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

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

    // Runs work(soci::session&) as one unit: its changes are kept when work returns a value and undone when it
    // returns an error or throws, and it returns only once they are durable. On PostgreSQL it is one transaction.
    // On SQLite, which has one writer at a time and one fsync per commit, the writes that arrive together commit
    // together (group commit): the first writer to find none running runs those queued, each in a savepoint of one
    // BEGIN IMMEDIATE transaction (a failed one rolled back to its savepoint, the others kept), then commits once and
    // wakes them; none returns before that commit, so nothing is acknowledged that is not on disk, and a failed commit
    // fails every write of the group. Each work sees the changes of those before it, as if they had run one after the
    // other. Driver errors come back as core::Error (conflict for a constraint violation, unavailable for a lost
    // connection or a write lock not had within the busy timeout, internal otherwise).
    template <class Work>
    auto transact(Work&& work) -> std::invoke_result_t<Work, soci::session&>;

    // Runs work(soci::session&) for reading, outside an explicit transaction; driver errors as in transact.
    template <class Work>
    auto read(Work&& work) -> std::invoke_result_t<Work, soci::session&>;

    // How many writes ran since the database opened, and in how many transactions (on SQLite, writes that arrive
    // together share one; on PostgreSQL both counts are of transactions).
    struct WriteCounts {
        std::uint64_t writes = 0;
        std::uint64_t transactions = 0;
    };
    [[nodiscard]] WriteCounts write_counts() const {
        return {m_writes.load(std::memory_order_relaxed), m_write_transactions.load(std::memory_order_relaxed)};
    }

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

    // A write waiting for its group (SQLite): `run` runs the work in the group's transaction and says whether its
    // changes are kept; `failure` is the group's when it could not commit.
    struct PendingWrite {
        std::function<bool(soci::session&)> run;
        std::optional<core::Error> failure;
        bool taken = false;  // a group runs it: it can no longer leave the queue
        bool done = false;   // its group committed or failed
    };
    // Queues `write` and returns once its group committed (or failed, or the write waited more than the busy
    // timeout without being taken: unavailable).
    [[nodiscard]] core::Status write_in_group(PendingWrite& write);
    // Runs a group in one transaction, each write in its savepoint, and commits; sets the failure of each when the
    // transaction could not begin, a savepoint could not be undone, or the commit failed.
    void run_group(const std::vector<PendingWrite*>& group) noexcept;
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
    // SQLite's writers of this process (group commit). Left to SQLite, writers that find the lock taken poll it with
    // growing sleeps (its busy handler: 1, 2, 5, 10 ms… up to 100 ms), so that under load the lock sits free while
    // they sleep, and each commit pays its own fsync. Here they queue, and one of them runs the queue in one
    // transaction; the busy timeout still arbitrates with other processes (the command line).
    std::mutex m_group_mutex;
    std::condition_variable m_group_done;
    std::deque<PendingWrite*> m_group_queue;
    bool m_group_running = false;
    std::atomic<std::uint64_t> m_writes{0};
    std::atomic<std::uint64_t> m_write_transactions{0};
};

template <class Work>
auto Database::transact(Work&& work) -> std::invoke_result_t<Work, soci::session&> {
    using ResultType = std::invoke_result_t<Work, soci::session&>;
    if (m_url.backend == Backend::sqlite) {
        std::optional<ResultType> result;
        std::optional<core::Error> thrown;
        PendingWrite write;
        write.run = [&](soci::session& session) -> bool {
            try {
                result.emplace(std::forward<Work>(work)(session));
                return result->has_value();
            } catch (const std::exception& error) {
                thrown = translate_sql_error(error, m_url.backend).error;
                return false;
            }
        };
        if (auto grouped = write_in_group(write); !grouped) {
            return tl::unexpected<core::Error>(grouped.error());
        }
        if (thrown) {
            return tl::unexpected<core::Error>(*thrown);
        }
        return std::move(*result);
    }
    Lease lease(m_pool);
    soci::session& session = lease.session();
    m_writes.fetch_add(1, std::memory_order_relaxed);
    m_write_transactions.fetch_add(1, std::memory_order_relaxed);
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
