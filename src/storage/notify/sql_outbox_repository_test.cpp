#include "storage/notify/sql_outbox_repository.h"
#include "storage/server_key.h"

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using namespace std::chrono_literals;

class SqlOutboxRepositoryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value());
        SqlCommuneRepository communes(m_test.database(), m_clock);
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        m_commune = communes.insert(commune)->id;
        commune.slug = "andresy";
        m_other = communes.insert(commune)->id;
    }

    void enqueue(MailDelivery delivery, const std::string& to) {
        SqlUnitOfWork store(m_test.database(), m_clock, delivery);
        ASSERT_TRUE(store.identity()
                        .write([&](identity::Transaction& tx) {
                            return tx.outbox().enqueue({m_commune, to, "confirm_email", "fr", {{"token", "abc"}}});
                        })
                        .has_value());
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{core::Instant{std::chrono::seconds(1'561'111'560)}};
    SqlOutboxRepository m_outbox{m_test.database()};
    core::CommuneId m_commune{0};
    core::CommuneId m_other{0};
};

TEST_F(SqlOutboxRepositoryTest, AClaimIsLeasedSoNobodyElseSendsTheSameMail) {
    enqueue(MailDelivery::deliver, "a@example.fr");
    enqueue(MailDelivery::deliver, "b@example.fr");
    const auto claimed = m_outbox.claim_due(m_clock.now(), 300s, 10);
    ASSERT_TRUE(claimed.has_value()) << core::describe(claimed.error());
    ASSERT_EQ(claimed->size(), 2u);
    EXPECT_EQ((*claimed)[0].request.to, "a@example.fr");
    EXPECT_EQ((*claimed)[0].request.variables.at("token"), "abc");
    EXPECT_EQ((*claimed)[0].status, notify::OutboxStatus::sending);
    EXPECT_TRUE(m_outbox.claim_due(m_clock.now() + 299s, 300s, 10)->empty());
    EXPECT_EQ(m_outbox.claim_due(m_clock.now() + 300s, 300s, 10)->size(), 2u) << "a dead sender's lease runs out";
}

TEST_F(SqlOutboxRepositoryTest, AttemptsAreRecordedAndRetriesWaitTheirTurn) {
    enqueue(MailDelivery::deliver, "a@example.fr");
    auto message = m_outbox.claim_due(m_clock.now(), 300s, 10)->front();
    message = notify::RetryPolicy{}.after_attempt(message, notify::DeliveryOutcome::temporary_failure, "421 busy",
                                                  m_clock.now());
    ASSERT_TRUE(m_outbox.record_attempt(message).has_value());
    EXPECT_TRUE(m_outbox.claim_due(m_clock.now() + 59s, 300s, 10)->empty());
    auto again = m_outbox.claim_due(m_clock.now() + 60s, 300s, 10);
    ASSERT_EQ(again->size(), 1u);
    EXPECT_EQ(again->front().attempts, 1);
    EXPECT_EQ(again->front().last_error, "421 busy");
}

TEST_F(SqlOutboxRepositoryTest, TheLinkSecretIsForgottenOnceTheMailIsSent) {
    enqueue(MailDelivery::deliver, "a@example.fr");
    auto message = m_outbox.claim_due(m_clock.now(), 300s, 10)->front();
    message = notify::RetryPolicy{}.after_attempt(message, notify::DeliveryOutcome::delivered, "", m_clock.now());
    ASSERT_TRUE(m_outbox.record_attempt(message).has_value());
    const auto stored = m_outbox.find(m_commune, message.id);
    ASSERT_TRUE(stored.has_value() && stored->has_value());
    EXPECT_EQ((*stored)->status, notify::OutboxStatus::sent);
    EXPECT_EQ((*stored)->request.variables.count("token"), 0u);
}

TEST_F(SqlOutboxRepositoryTest, HeldMailIsNeverClaimedButIsListedForItsCommuneOnly) {
    enqueue(MailDelivery::hold, "a@example.fr");
    EXPECT_TRUE(m_outbox.claim_due(m_clock.now() + 24h, 300s, 10)->empty());
    const auto listed = m_outbox.recent(m_commune, 10);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().status, notify::OutboxStatus::held);
    EXPECT_TRUE(m_outbox.recent(m_other, 10)->empty());
    EXPECT_TRUE(m_outbox.find(m_commune, listed->front().id)->has_value());
    EXPECT_FALSE(m_outbox.find(m_other, listed->front().id)->has_value());
}

TEST_F(SqlOutboxRepositoryTest, TheServerKeyIsCreatedOnceAndShared) {
    const auto first = load_or_create_server_key(m_test.database());
    const auto second = load_or_create_server_key(m_test.database());
    ASSERT_TRUE(first.has_value()) << core::describe(first.error());
    EXPECT_EQ(first->size(), 32u);
    EXPECT_EQ(*first, *second);
}

}  // namespace
}  // namespace guichet::storage
