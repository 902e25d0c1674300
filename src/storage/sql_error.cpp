#include "storage/sql_error.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <string>

namespace guichet::storage {
namespace {

SqlErrorKind classify_postgres(const soci::postgresql_soci_error& error) {
    const std::string state = error.sqlstate();
    if (state.rfind("23", 0) == 0) {
        return SqlErrorKind::constraint_violation;
    }
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) {
        return SqlErrorKind::connection_lost;
    }
    return SqlErrorKind::other;
}

SqlErrorKind classify_sqlite(const soci::sqlite3_soci_error& error) {
    switch (error.result() & 0xff) {
        case SQLITE_CONSTRAINT:
            return SqlErrorKind::constraint_violation;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_FULL:
            return SqlErrorKind::connection_lost;
        default:
            return SqlErrorKind::other;
    }
}

SqlErrorKind classify(const std::exception& error, Backend backend) {
    if (backend == Backend::postgresql) {
        if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
            return classify_postgres(*pg);
        }
    } else if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        return classify_sqlite(*lite);
    }
    if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
        switch (soci_error->get_error_category()) {
            case soci::soci_error::constraint_violation:
                return SqlErrorKind::constraint_violation;
            case soci::soci_error::connection_error:
                return SqlErrorKind::connection_lost;
            default:
                break;
        }
    }
    return SqlErrorKind::other;
}

}  // namespace

TranslatedSqlError translate_sql_error(const std::exception& error, Backend backend) {
    const SqlErrorKind kind = classify(error, backend);
    switch (kind) {
        case SqlErrorKind::constraint_violation:
            return {kind, core::make_error(core::ErrorCode::conflict, "error_conflict").with_detail(error.what())};
        case SqlErrorKind::connection_lost:
            return {kind,
                    core::make_error(core::ErrorCode::unavailable, "error_unavailable").with_detail(error.what())};
        case SqlErrorKind::other:
            break;
    }
    return {kind, core::make_error(core::ErrorCode::internal, "error_internal").with_detail(error.what())};
}

}  // namespace guichet::storage
