#include "storage/sqlite/sqlite_backend.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <stdexcept>

namespace guichet::storage::sqlite {

void open_session(soci::session& session, const std::string& path) {
    const std::filesystem::path file(path);
    if (file.has_parent_path()) {
        std::error_code ignored;
        std::filesystem::create_directories(file.parent_path(), ignored);
    }
    session.open(soci::sqlite3, "db=" + path + " timeout=5");
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA synchronous=FULL";
    session << "PRAGMA busy_timeout=5000";
    int foreign_keys = 0;
    session << "PRAGMA foreign_keys", soci::into(foreign_keys);
    if (foreign_keys != 1) {
        throw std::runtime_error("SQLite refused to enforce foreign keys");
    }
}

}  // namespace guichet::storage::sqlite

namespace guichet::storage::sqlite {

const Dialect& dialect() {
    static constexpr Dialect kDialect{"INTEGER PRIMARY KEY", "INTEGER", " STRICT"};
    return kDialect;
}

}  // namespace guichet::storage::sqlite
