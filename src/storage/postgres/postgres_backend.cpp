#include "storage/postgres/postgres_backend.h"

#include <soci/postgresql/soci-postgresql.h>

namespace guichet::storage::postgres {

void open_session(soci::session& session, const std::string& uri) {
    session.open(soci::postgresql, uri);
    session << "SET TIME ZONE 'UTC'";
    session << "SET client_encoding TO 'UTF8'";
    session << "SET lock_timeout = '10s'";
}

}  // namespace guichet::storage::postgres

namespace guichet::storage::postgres {

const Dialect& dialect() {
    static constexpr Dialect kDialect{"BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BIGINT", ""};
    return kDialect;
}

}  // namespace guichet::storage::postgres
