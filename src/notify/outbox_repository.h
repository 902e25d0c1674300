#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "core/result.h"
#include "notify/outbox_message.h"

namespace guichet::notify {

// Where outbox messages live. Implemented in storage/, where enqueueing also happens inside the transactions of the
// changes that cause mails (see identity::IdentityTransaction::enqueue_mail).
class OutboxRepository {
  public:
    virtual ~OutboxRepository() = default;

    // Marks up to `limit` messages that are pending and due at `now` (or left `sending` by a process that died,
    // whose lease ended) as sending, leased until now + lease, and returns them. Two processes never claim the same
    // message while its lease runs.
    [[nodiscard]] virtual core::Result<std::vector<OutboxMessage>> claim_due(core::Instant now,
                                                                             std::chrono::seconds lease,
                                                                             std::size_t limit) = 0;

    // Stores the outcome of an attempt: status, attempts, next attempt, error, sent time.
    [[nodiscard]] virtual core::Status record_attempt(const OutboxMessage& message) = 0;

    // Returns the most recent messages of a commune, newest first.
    [[nodiscard]] virtual core::Result<std::vector<OutboxMessage>> recent(core::CommuneId commune,
                                                                          std::size_t limit) = 0;

    // Returns one message of a commune, or std::nullopt (also for another commune's message).
    [[nodiscard]] virtual core::Result<std::optional<OutboxMessage>> find(core::CommuneId commune,
                                                                          core::OutboxMessageId id) = 0;
};

}  // namespace guichet::notify
