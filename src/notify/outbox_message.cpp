#include "notify/outbox_message.h"

#include <algorithm>
#include <array>

namespace guichet::notify {
namespace {

constexpr std::array<std::pair<OutboxStatus, std::string_view>, 5> kNames = {{
    {OutboxStatus::pending, "pending"},
    {OutboxStatus::sending, "sending"},
    {OutboxStatus::sent, "sent"},
    {OutboxStatus::failed, "failed"},
    {OutboxStatus::held, "held"},
}};

}  // namespace

std::string_view outbox_status_name(OutboxStatus status) {
    for (const auto& [value, name] : kNames) {
        if (value == status) {
            return name;
        }
    }
    return "failed";
}

std::optional<OutboxStatus> outbox_status_from_name(std::string_view name) {
    for (const auto& [value, known] : kNames) {
        if (known == name) {
            return value;
        }
    }
    return std::nullopt;
}

OutboxMessage RetryPolicy::after_attempt(OutboxMessage message, DeliveryOutcome outcome, const std::string& error,
                                         core::Instant now) const {
    if (message.status != OutboxStatus::sending) {
        return message;
    }
    message.attempts += 1;
    switch (outcome) {
        case DeliveryOutcome::delivered:
            message.status = OutboxStatus::sent;
            message.sent_at = now;
            message.last_error.clear();
            return message;
        case DeliveryOutcome::permanent_failure:
            message.status = OutboxStatus::failed;
            message.last_error = error;
            return message;
        case DeliveryOutcome::temporary_failure:
            break;
    }
    message.last_error = error;
    if (message.attempts >= max_attempts) {
        message.status = OutboxStatus::failed;
        return message;
    }
    const int exponent = std::min(message.attempts - 1, 16);
    const auto delay = std::min<std::chrono::seconds>(base_delay * (1LL << exponent), std::chrono::hours(6));
    message.status = OutboxStatus::pending;
    message.next_attempt_at = now + delay;
    return message;
}

}  // namespace guichet::notify
