#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/instant.h"
#include "notify/mail_request.h"

namespace guichet::notify {

// The life of a message in the outbox:
//   pending ──attempt──▶ sending ──delivered──▶ sent
//      ▲                    │ temporary failure (attempts left)
//      └────────────────────┘
//   sending ──permanent failure, or no attempt left──▶ failed
//   held: no mail server is configured; the message stays readable by administrators ("Courriels envoyés").
enum class OutboxStatus { pending, sending, sent, failed, held };

[[nodiscard]] std::string_view outbox_status_name(OutboxStatus status);
[[nodiscard]] std::optional<OutboxStatus> outbox_status_from_name(std::string_view name);

struct OutboxMessage {
    core::OutboxMessageId id{0};
    MailRequest request;
    OutboxStatus status = OutboxStatus::pending;
    int attempts = 0;
    core::Instant next_attempt_at{};
    std::string last_error;
    core::Instant created_at{};
    std::optional<core::Instant> sent_at;
};

// How a delivery attempt ended.
enum class DeliveryOutcome { delivered, temporary_failure, permanent_failure };

// When to try again: after 1, 2, 4, 8… times the base delay (capped at 6 hours), and never after max_attempts.
struct RetryPolicy {
    std::chrono::seconds base_delay{60};
    int max_attempts = 8;

    // Returns the message as it stands after an attempt that ended with `outcome` at `now` (attempts counted,
    // status, next attempt, error text). A message that is not `sending` is returned unchanged: only an attempt in
    // progress can end.
    [[nodiscard]] OutboxMessage after_attempt(OutboxMessage message, DeliveryOutcome outcome, const std::string& error,
                                              core::Instant now) const;
};

}  // namespace guichet::notify
