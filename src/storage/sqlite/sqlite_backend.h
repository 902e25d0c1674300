#pragma once

#include <soci/soci.h>

#include <string>

#include "storage/migration.h"

namespace guichet::storage::sqlite {

// Opens one SQLite connection on the file at path (created if missing, with its folder) and sets the pragmas every
// connection needs: WAL journal, foreign keys enforced, synchronous=FULL (an acknowledged write survives a power
// cut), a 5 s busy timeout. Throws soci::soci_error or std::runtime_error on failure.
void open_session(soci::session& session, const std::string& path);

// SQLite's dialect words: rowid primary keys, INTEGER (64-bit) columns, STRICT tables.
[[nodiscard]] const Dialect& dialect();

}  // namespace guichet::storage::sqlite
