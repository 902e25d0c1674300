#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace guichet::storage {

// Statements prepared once per connection and run again with new values: SQLite parses a statement's text and
// PostgreSQL plans it each time it is prepared, which costs more than running it for the short queries of a page.
// One cache per pooled connection (Database::statements); used only by the thread that holds that connection.
class StatementCache {
  public:
    struct Entry {
        virtual ~Entry() = default;
    };

    // Returns the entry of type E for this SQL text, made by `make` on first use.
    template <class E, class Make>
    E& get(const std::string& sql, Make&& make) {
        if (const auto it = m_entries.find(sql); it != m_entries.end()) {
            if (auto* entry = dynamic_cast<E*>(it->second.get())) {
                return *entry;
            }
        }
        std::unique_ptr<E> made = std::forward<Make>(make)();
        E& entry = *made;
        m_entries.insert_or_assign(sql, std::move(made));
        return entry;
    }

    // Forgets one statement (after it failed: it is prepared again next time) or all (after a reconnection).
    void forget(const std::string& sql) { m_entries.erase(sql); }
    void clear() { m_entries.clear(); }
    [[nodiscard]] std::size_t size() const { return m_entries.size(); }

  private:
    std::unordered_map<std::string, std::unique_ptr<Entry>> m_entries;
};

// A prepared statement with the values it is bound to: the parameters and the row SOCI writes each result into live
// here, beside the statement, so that they outlive every execution (SOCI keeps their addresses).
template <class Row, class... Params>
struct CachedQuery final : StatementCache::Entry {
    CachedQuery(soci::session& session, const std::string& sql) : statement(session) {
        statement.alloc();
        statement.prepare(sql);
        row.bind(statement);
        std::apply([this](auto&... param) { (statement.exchange(soci::use(param)), ...); }, params);
        statement.define_and_bind();
    }

    std::tuple<Params...> params;
    Row row;
    soci::statement statement;
};

namespace detail {
// Every integer parameter is bound as a long long (ids are std::int64_t, which SOCI knows as long long only).
template <class T>
using Bound = std::conditional_t<std::is_integral_v<T>, long long, T>;
}  // namespace detail

// Runs a SELECT through the connection's cache: prepared on first use, then executed with these parameter values
// (long long or std::string, in the order of the placeholders), returning `Row::value()` for every row. A statement
// that fails is forgotten, so that its next use prepares it afresh. Only for SQL texts fixed at the call site.
template <class Row, class... Params>
auto cached_rows(soci::session& session, StatementCache& cache, const std::string& sql, const Params&... values) {
    using Query = CachedQuery<Row, detail::Bound<Params>...>;
    Query& query = cache.get<Query>(sql, [&] { return std::make_unique<Query>(session, sql); });
    query.params = std::tuple<detail::Bound<Params>...>(values...);
    std::vector<decltype(query.row.value())> rows;
    try {
        if (query.statement.execute(true)) {
            do {
                rows.push_back(query.row.value());
            } while (query.statement.fetch());
        }
    } catch (...) {
        cache.forget(sql);
        throw;
    }
    return rows;
}

namespace detail {
// The "row" of a statement that returns none.
struct NoRow {
    void bind(soci::statement&) {}
    [[nodiscard]] int value() const { return 0; }
};
}  // namespace detail

// Runs an INSERT, UPDATE or DELETE (without RETURNING) through the connection's cache, as cached_rows does a
// SELECT, and returns the number of rows it changed.
template <class... Params>
long long cached_execute(soci::session& session, StatementCache& cache, const std::string& sql,
                         const Params&... values) {
    using Query = CachedQuery<detail::NoRow, detail::Bound<Params>...>;
    Query& query = cache.get<Query>(sql, [&] { return std::make_unique<Query>(session, sql); });
    query.params = std::tuple<detail::Bound<Params>...>(values...);
    try {
        query.statement.execute(true);
        return query.statement.get_affected_rows();
    } catch (...) {
        cache.forget(sql);
        throw;
    }
}

}  // namespace guichet::storage
