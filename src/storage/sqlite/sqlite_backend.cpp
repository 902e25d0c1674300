#include "storage/sqlite/sqlite_backend.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace guichet::storage::sqlite {

void open_session(soci::session& session, const std::string& path) {
    // Debian builds SQLite without lookaside memory, so each of its many small allocations goes to malloc; with
    // memory statistics on (the default) each also takes one mutex shared by every connection of the process, and
    // the threads serving requests queue on it. Nothing here reads those statistics. It can only be set before
    // SQLite initialises, that is before the first connection opens.
    static std::once_flag configured;
    std::call_once(configured, [] { (void)sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
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
    // In WAL mode a connection drops its whole page cache as soon as another one has written, so that while
    // bookings commit every request of the pool's other connections reads its pages again: through a mapping of
    // the file they are memory reads, where they were a system call and a copy each (36 a booking request).
    session << "PRAGMA mmap_size=268435456";
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
