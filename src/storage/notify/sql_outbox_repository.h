#pragma once

#include "notify/outbox_repository.h"
#include "storage/database.h"

namespace guichet::storage {

// The outbox on the SQL database. Claims are leased so that several processes can send from one PostgreSQL
// database (FOR UPDATE SKIP LOCKED); on SQLite the write lock serialises them.
class SqlOutboxRepository final : public notify::OutboxRepository {
  public:
    explicit SqlOutboxRepository(Database& database) : m_database(database) {}

    [[nodiscard]] core::Result<std::vector<notify::OutboxMessage>> claim_due(core::Instant now,
                                                                             std::chrono::seconds lease,
                                                                             std::size_t limit) override;
    [[nodiscard]] core::Status record_attempt(const notify::OutboxMessage& message) override;
    [[nodiscard]] core::Result<std::vector<notify::OutboxMessage>> recent(core::CommuneId commune,
                                                                          std::size_t limit) override;
    [[nodiscard]] core::Result<std::optional<notify::OutboxMessage>> find(core::CommuneId commune,
                                                                          core::OutboxMessageId id) override;

  private:
    Database& m_database;
};

}  // namespace guichet::storage
