#pragma once

#include <exception>

#include "core/error.h"
#include "storage/database_url.h"

namespace guichet::storage {

enum class SqlErrorKind { constraint_violation, connection_lost, other };

struct TranslatedSqlError {
    SqlErrorKind kind;
    core::Error error;
};

// Turns an exception thrown by SOCI or a driver into a core::Error the domain can act on: a unique or foreign-key
// violation becomes conflict, a lost or refused connection becomes unavailable, anything else internal. The error's
// detail, for the logs (never shown to a family), names the statement and the driver's error but holds no value:
// neither the values bound to the statement nor the row PostgreSQL refused.
[[nodiscard]] TranslatedSqlError translate_sql_error(const std::exception& error, Backend backend);

}  // namespace guichet::storage
