#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/config.h"
#include "app/logging.h"
#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"

namespace guichet::app {

// Opens the configured database with a connection pool sized for the server threads.
[[nodiscard]] core::Result<std::unique_ptr<storage::Database>> open_database(const Config& config,
                                                                             std::size_t pool_size);

// Opens the database for a command-line tool and brings its schema up to date.
[[nodiscard]] core::Result<std::unique_ptr<storage::Database>> open_migrated_database(const Config& config,
                                                                                      const core::Clock& clock);

// Applies pending migrations, or, when the configuration refuses to migrate at start, fails if any are pending.
[[nodiscard]] core::Status prepare_schema(storage::Database& database, const core::Clock& clock, const Config& config,
                                          const Logs& logs);

// Runs the HTTP server until SIGINT or SIGTERM, then stops gracefully: in-flight requests are answered, the
// database is closed. `on_listening` is called once the port is bound (with the actual port). Returns the process
// exit code.
int serve(const Config& config, const Logs& logs, const std::function<void(std::uint16_t)>& on_listening);

// The clé enfance lifetime the configuration asks for (none when key_validity_days is 0).
[[nodiscard]] std::optional<std::chrono::days> key_validity(const Config& config);

// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later, so that serve() can wait for them.
void block_termination_signals();

}  // namespace guichet::app
