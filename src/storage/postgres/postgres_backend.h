#pragma once

#include <soci/soci.h>

#include <string>

#include "storage/migration.h"

namespace guichet::storage::postgres {

// Opens one PostgreSQL connection (keyword connect string) and sets what every connection needs: UTC, UTF-8, a lock
// timeout so that a stuck lock fails a request instead of hanging it. Throws soci::soci_error on failure.
void open_session(soci::session& session, const std::string& uri);

// PostgreSQL's dialect words: identity columns, BIGINT, no STRICT.
[[nodiscard]] const Dialect& dialect();

}  // namespace guichet::storage::postgres
