#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace guichet::storage {

enum class Backend { sqlite, postgresql };

// A database location as given on the command line, already split into what SOCI needs.
struct DatabaseUrl {
    Backend backend = Backend::sqlite;
    std::string connect_string;  // what SOCI's backend receives
    std::string redacted;        // safe to log: the password, if any, replaced by "***"
};

// Parses a database location. Accepted forms:
//   "postgresql://user:password@host:port/dbname?options" (or "postgres://…"), handed to libpq as a URI;
//   "sqlite:/path/to/file.db", "sqlite:///path/to/file.db" or a plain file path, for the embedded SQLite backend.
// Returns invalid_input for an empty location or an unknown scheme.
[[nodiscard]] core::Result<DatabaseUrl> parse_database_url(std::string_view location);

[[nodiscard]] std::string_view backend_name(Backend backend);

}  // namespace guichet::storage
