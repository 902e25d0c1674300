#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "storage/database.h"
#include "storage/migration.h"

namespace guichet::storage {

struct MigrationState {
    int version;
    std::string name;
    bool applied;
};

// Brings a database's schema up to date with the migrations compiled into this binary, for its backend.
// Safe to run from several processes at once: on PostgreSQL an advisory lock serialises them, on SQLite the write lock.
class Migrator {
  public:
    Migrator(Database& database, const core::Clock& clock);

    // Applies every migration not yet recorded, each in its own transaction, and returns how many were applied.
    // Stops at the first failure; the migrations before it stay applied.
    [[nodiscard]] core::Result<int> apply_pending();

    // Returns every known migration and whether the database has it.
    [[nodiscard]] core::Result<std::vector<MigrationState>> states();

    // Returns how many migrations the database still lacks.
    [[nodiscard]] core::Result<int> pending_count();

  private:
    [[nodiscard]] core::Status ensure_history_table();
    [[nodiscard]] const std::vector<Migration>& migrations() const;

    Database& m_database;
    const core::Clock& m_clock;
};

}  // namespace guichet::storage
