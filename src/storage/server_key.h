#pragma once

#include <string>

#include "core/result.h"
#include "storage/database.h"

namespace guichet::storage {

// Returns the server's secret key (32 bytes, for CSRF tokens, key digests and other MACs), creating it on first use.
// Every process sharing the database gets the same key.
[[nodiscard]] core::Result<std::string> load_or_create_server_key(Database& database);

}  // namespace guichet::storage
