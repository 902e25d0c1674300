#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "core/instant.h"

namespace guichet::storage {

// Runs a SELECT (or a statement with RETURNING) whose columns `Row::bind` binds with soci::into, after `bind`
// has bound the parameters with soci::use, and returns `Row::value()` for every row. The variables given to
// soci::use must outlive the call (SOCI keeps their addresses): pass locals, never temporaries.
template <class Row, class Bind>
auto query_rows(soci::session& session, const std::string& sql, Bind&& bind) {
    Row row;
    soci::statement statement(session);
    statement.alloc();
    statement.prepare(sql);
    row.bind(statement);
    bind(statement);
    statement.define_and_bind();
    std::vector<decltype(row.value())> values;
    if (statement.execute(true)) {
        do {
            values.push_back(row.value());
        } while (statement.fetch());
    }
    return values;
}

// Returns the first row of a query's result, or std::nullopt when there is none.
template <class T>
[[nodiscard]] std::optional<T> first(std::vector<T> rows) {
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

// Microseconds since the epoch, as stored in *_us columns.
[[nodiscard]] inline long long to_micros(core::Instant instant) {
    return instant.time_since_epoch().count();
}
[[nodiscard]] inline core::Instant from_micros(long long micros) {
    return core::Instant{std::chrono::microseconds(micros)};
}

// A nullable *_us column bound by reference.
struct OptionalInstantColumn {
    long long micros = 0;
    soci::indicator indicator = soci::i_null;

    void set(const std::optional<core::Instant>& instant) {
        micros = instant ? to_micros(*instant) : 0;
        indicator = instant ? soci::i_ok : soci::i_null;
    }
    [[nodiscard]] std::optional<core::Instant> get() const {
        return indicator == soci::i_ok ? std::optional(from_micros(micros)) : std::nullopt;
    }
};

}  // namespace guichet::storage
