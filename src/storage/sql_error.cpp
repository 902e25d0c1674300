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

// The SQL text SOCI names in its context ("while executing \"INSERT …\" with :email=\"…\"."), without the values
// that follow it; at most 160 characters, whitespace collapsed.
std::string statement_of(const std::string& what) {
    std::string statement;
    for (const char* opening : {"executing \"", "preparing \""}) {
        const auto start = what.find(opening);
        if (start == std::string::npos) {
            continue;
        }
        const auto from = start + std::char_traits<char>::length(opening);
        auto end = what.find("\" with ", from);
        if (end == std::string::npos) {
            end = what.rfind('"');
        }
        if (end != std::string::npos && end > from) {
            statement = what.substr(from, end - from);
        }
        break;
    }
    std::string collapsed;
    for (char c : statement) {
        const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!blank || (!collapsed.empty() && collapsed.back() != ' ')) {
            collapsed.push_back(blank ? ' ' : c);
        }
    }
    if (collapsed.size() > 160) {
        collapsed = collapsed.substr(0, 157) + "...";
    }
    return collapsed;
}

// What the logs may keep of a driver's error: the statement (placeholders, not values), the error's code and the
// first line of its message. PostgreSQL's further lines ("DETAIL: Key (email)=(…)", "Failing row contains (…)") and
// SOCI's list of bound values are personal data, and go nowhere.
std::string loggable_detail(const std::exception& error, Backend backend) {
    std::string message = error.what();
    std::string code;
    if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
        message = soci_error->get_error_message();
    }
    if (backend == Backend::postgresql) {
        if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
            code = "SQLSTATE " + pg->sqlstate();
        }
    } else if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        code = "SQLite " + std::to_string(lite->result());
    }
    if (const auto line_end = message.find('\n'); line_end != std::string::npos) {
        message.resize(line_end);
    }
    // PostgreSQL quotes the value it could not read ("invalid input syntax for type integer: \"…\""): cut there.
    if (const auto syntax = message.find("invalid input syntax"); syntax != std::string::npos) {
        if (const auto colon = message.find(':', syntax); colon != std::string::npos) {
            message.resize(colon);
        }
    }
    std::string detail;
    const std::string statement = statement_of(error.what());
    if (!statement.empty()) {
        detail = "statement \"" + statement + "\": ";
    }
    if (!code.empty()) {
        detail += code + ": ";
    }
    return detail + message;
}

}  // namespace

TranslatedSqlError translate_sql_error(const std::exception& error, Backend backend) {
    const SqlErrorKind kind = classify(error, backend);
    const std::string detail = loggable_detail(error, backend);
    switch (kind) {
        case SqlErrorKind::constraint_violation:
            return {kind, core::make_error(core::ErrorCode::conflict, "error_conflict").with_detail(detail)};
        case SqlErrorKind::connection_lost:
            return {kind, core::make_error(core::ErrorCode::unavailable, "error_unavailable").with_detail(detail)};
        case SqlErrorKind::other:
            break;
    }
    return {kind, core::make_error(core::ErrorCode::internal, "error_internal").with_detail(detail)};
}

}  // namespace guichet::storage
