#include "notify/outbox_message.h"

#include <gtest/gtest.h>

namespace guichet::notify {
namespace {

using namespace std::chrono_literals;

OutboxMessage sending(int attempts) {
    OutboxMessage message;
    message.status = OutboxStatus::sending;
    message.attempts = attempts;
    return message;
}

TEST(RetryPolicy, DecidesWhatHappensAfterEachAttempt) {
    const RetryPolicy policy{60s, 4};
    const core::Instant now{std::chrono::seconds(1'000'000)};
    struct Case {
        const char* behaviour;
        int attempts_before;
        DeliveryOutcome outcome;
        OutboxStatus status;
        std::chrono::seconds retry_in;
    };
    const Case cases[] = {
        {"a delivered mail is sent", 0, DeliveryOutcome::delivered, OutboxStatus::sent, 0s},
        {"a first temporary failure retries after the base delay", 0, DeliveryOutcome::temporary_failure,
         OutboxStatus::pending, 60s},
        {"the second waits twice as long", 1, DeliveryOutcome::temporary_failure, OutboxStatus::pending, 120s},
        {"the third four times", 2, DeliveryOutcome::temporary_failure, OutboxStatus::pending, 240s},
        {"the last allowed attempt fails for good", 3, DeliveryOutcome::temporary_failure, OutboxStatus::failed, 0s},
        {"a refused recipient fails at once", 0, DeliveryOutcome::permanent_failure, OutboxStatus::failed, 0s},
    };
    for (const auto& c : cases) {
        const OutboxMessage after = policy.after_attempt(sending(c.attempts_before), c.outcome, "boom", now);
        EXPECT_EQ(after.status, c.status) << c.behaviour;
        EXPECT_EQ(after.attempts, c.attempts_before + 1) << c.behaviour;
        if (c.status == OutboxStatus::pending) {
            EXPECT_EQ(after.next_attempt_at, now + c.retry_in) << c.behaviour;
            EXPECT_EQ(after.last_error, "boom") << c.behaviour;
        }
        if (c.status == OutboxStatus::sent) {
            EXPECT_EQ(after.sent_at, now) << c.behaviour;
        }
    }
}

TEST(RetryPolicy, DelaysAreCappedAtSixHours) {
    const RetryPolicy policy{3600s, 20};
    const core::Instant now{};
    const OutboxMessage after = policy.after_attempt(sending(10), DeliveryOutcome::temporary_failure, "x", now);
    EXPECT_EQ(after.next_attempt_at, now + 6h);
}

TEST(RetryPolicy, OnlyAnAttemptInProgressCanEnd) {
    OutboxMessage sent;
    sent.status = OutboxStatus::sent;
    const auto after = RetryPolicy{}.after_attempt(sent, DeliveryOutcome::temporary_failure, "late", core::Instant{});
    EXPECT_EQ(after.status, OutboxStatus::sent);
    EXPECT_EQ(after.attempts, 0);
}

TEST(OutboxStatus, NamesRoundTrip) {
    for (auto status :
         {OutboxStatus::pending, OutboxStatus::sending, OutboxStatus::sent, OutboxStatus::failed, OutboxStatus::held}) {
        EXPECT_EQ(outbox_status_from_name(outbox_status_name(status)), status);
    }
    EXPECT_EQ(outbox_status_from_name("lost"), std::nullopt);
}

}  // namespace
}  // namespace guichet::notify
