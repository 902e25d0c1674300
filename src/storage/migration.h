#pragma once

#include <string_view>
#include <vector>

namespace guichet::storage {

// One step of the schema, applied once, in order, inside one transaction. Versions never change once released:
// a later change is a new migration.
struct Migration {
    int version;
    std::string_view name;
    std::vector<std::string_view> statements;
};

namespace sqlite {
// The SQLite schema history (STRICT tables, INTEGER PRIMARY KEY ids).
[[nodiscard]] const std::vector<Migration>& migrations();
}  // namespace sqlite

namespace postgres {
// The PostgreSQL schema history, the same versions and names as SQLite's in native types.
[[nodiscard]] const std::vector<Migration>& migrations();
}  // namespace postgres

}  // namespace guichet::storage
