#pragma once

#include <soci/soci.h>

#include <string>

namespace guichet::storage::postgres {

// Opens one PostgreSQL connection from a libpq URI and sets the session defaults the schema expects (UTC time zone,
// UTF-8 client encoding). Throws soci::soci_error on failure.
void open_session(soci::session& session, const std::string& uri);

}  // namespace guichet::storage::postgres
