#include "storage/unit_of_work.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/notify/sql_outbox_repository.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"

namespace guichet::storage {
namespace {

using identity::Account;

class SqlIdentityStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value());
        SqlCommuneRepository communes(m_test.database(), m_clock);
        tenancy::NewCommune first;
        first.slug = "chanteloup-les-vignes";
        first.name = "Chanteloup-les-Vignes";
        tenancy::NewCommune second = first;
        second.slug = "andresy";
        m_commune = communes.insert(first)->id;
        m_other = communes.insert(second)->id;
    }

    Account account(const std::string& username, const std::string& email) const {
        Account account;
        account.commune = m_commune;
        account.username = username;
        account.email = email;
        account.contact.last_name = "Dupont";
        account.contact.civility = identity::Civility::madame;
        account.password_hash = "$argon2id$stub";
        account.created_at = m_clock.now();
        return account;
    }

    core::AccountId insert(const Account& account) {
        core::AccountId id{0};
        EXPECT_TRUE(m_store.identity()
                        .write([&](identity::Transaction& tx) -> core::Status {
                            GUICHET_TRY(inserted, tx.identity().insert_account(account));
                            id = inserted;
                            return {};
                        })
                        .has_value());
        return id;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{core::Instant{std::chrono::seconds(1'561'111'560)}};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::deliver};
    core::CommuneId m_commune{0};
    core::CommuneId m_other{0};
};

TEST_F(SqlIdentityStoreTest, AccountsRoundTripAndAreFoundCaseInsensitivelyWithinTheirCommune) {
    Account stored = account("Marie.Dupont", "Marie@Example.fr");
    stored.last_login_at = m_clock.now();
    stored.contact.address = {"18 avenue de Poissy", "Bât. B", "78570", "Chanteloup-les-Vignes"};
    const core::AccountId id = insert(stored);
    ASSERT_GT(id.value(), 0);
    ASSERT_TRUE(m_store.identity()
                    .read([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(by_login, tx.identity().find_account_by_login(m_commune, "marie.dupont"));
                        GUICHET_TRY(by_email, tx.identity().find_account_by_login(m_commune, "MARIE@example.FR"));
                        GUICHET_TRY(elsewhere, tx.identity().find_account_by_login(m_other, "marie.dupont"));
                        GUICHET_TRY(foreign_id, tx.identity().find_account(m_other, id));
                        EXPECT_TRUE(by_login.has_value());
                        EXPECT_TRUE(by_email.has_value());
                        EXPECT_FALSE(elsewhere.has_value());
                        EXPECT_FALSE(foreign_id.has_value());
                        EXPECT_EQ(by_login->contact.address.complement, "Bât. B");
                        EXPECT_EQ(by_login->last_login_at, m_clock.now());
                        EXPECT_FALSE(by_login->previous_login_at.has_value());
                        EXPECT_EQ(by_login->status, identity::AccountStatus::pending_confirmation);
                        return {};
                    })
                    .has_value());
}

TEST_F(SqlIdentityStoreTest, DuplicateUsernamesOrEmailsAreConflictsWithinACommuneOnly) {
    insert(account("marie.dupont", "marie@example.fr"));
    for (const auto& [username, email] : std::vector<std::pair<std::string, std::string>>{
             {"MARIE.DUPONT", "autre@example.fr"}, {"autre", "MARIE@example.fr"}}) {
        core::Error error;
        const auto result = m_store.identity().write([&](identity::Transaction& tx) -> core::Status {
            auto inserted = tx.identity().insert_account(account(username, email));
            if (!inserted) {
                error = inserted.error();
            }
            return {};
        });
        EXPECT_EQ(error.code, core::ErrorCode::conflict) << username;
    }
    Account elsewhere = account("marie.dupont", "marie@example.fr");
    elsewhere.commune = m_other;
    EXPECT_GT(insert(elsewhere).value(), 0);
}

TEST_F(SqlIdentityStoreTest, AFailedTransactionLeavesNoAccountNoAuditAndNoMail) {
    const auto failed = m_store.identity().write([&](identity::Transaction& tx) -> core::Status {
        GUICHET_TRY(id, tx.identity().insert_account(account("marie.dupont", "marie@example.fr")));
        GUICHET_TRY_STATUS(tx.audit().record({m_commune, id, std::nullopt, "signup", "127.0.0.1", {}, m_clock.now()}));
        GUICHET_TRY_STATUS(
            tx.outbox().enqueue({m_commune, "marie@example.fr", "confirm_email", "fr", {{"token", "t"}}}));
        return core::fail(core::ErrorCode::invalid_input, "changed my mind");
    });
    ASSERT_FALSE(failed.has_value());
    SqlOutboxRepository outbox(m_test.database());
    EXPECT_TRUE(outbox.recent(m_commune, 10)->empty());
    EXPECT_TRUE(m_store.identity()
                    .read([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(found, tx.identity().find_account_by_email(m_commune, "marie@example.fr"));
                        EXPECT_FALSE(found.has_value());
                        return {};
                    })
                    .has_value());
}

TEST_F(SqlIdentityStoreTest, TokensSessionsAndThrottlesRoundTrip) {
    const core::AccountId id = insert(account("marie.dupont", "marie@example.fr"));
    const core::Instant now = m_clock.now();
    ASSERT_TRUE(m_store.identity()
                    .write([&](identity::Transaction& tx) -> core::Status {
                        identity::AccountToken token{"d1",
                                                     id,
                                                     m_commune,
                                                     identity::TokenPurpose::email_change,
                                                     "new@example.fr",
                                                     now,
                                                     now + std::chrono::hours(24),
                                                     {}};
                        GUICHET_TRY_STATUS(tx.identity().insert_token(token));
                        GUICHET_TRY_STATUS(tx.identity().insert_session({"s1", id, m_commune, now, now, "::1", "UA"}));
                        for (int i = 0; i < 5; ++i) {
                            GUICHET_TRY_STATUS(
                                tx.throttles().record_failure("login:x", identity::kAccountThrottle, now));
                        }
                        return {};
                    })
                    .has_value());
    ASSERT_TRUE(m_store.identity()
                    .write([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(pending, tx.identity().pending_email_change(id, now));
                        EXPECT_EQ(pending->new_email, "new@example.fr");
                        GUICHET_TRY(foreign, tx.identity().find_token(m_other, "d1"));
                        EXPECT_FALSE(foreign.has_value());
                        GUICHET_TRY_STATUS(tx.identity().mark_token_used("d1", now));
                        GUICHET_TRY(used, tx.identity().find_token(m_commune, "d1"));
                        EXPECT_EQ(used->used_at, now);
                        GUICHET_TRY(session, tx.identity().find_session(m_commune, "s1"));
                        EXPECT_EQ(session->user_agent, "UA");
                        GUICHET_TRY(throttle, tx.throttles().state("login:x"));
                        EXPECT_EQ(throttle.failures, 5);
                        EXPECT_EQ(throttle.blocked_until, now + std::chrono::seconds(2)) << "3 free, then 1 s, 2 s";
                        GUICHET_TRY(fresh, tx.throttles().state("login:y"));
                        EXPECT_EQ(fresh.failures, 0);
                        GUICHET_TRY_STATUS(tx.identity().delete_sessions_of(id));
                        GUICHET_TRY(gone, tx.identity().find_session(m_commune, "s1"));
                        EXPECT_FALSE(gone.has_value());
                        return {};
                    })
                    .has_value());
}

// The store counts failures itself (one upsert); what it keeps must be what the rule computes, over windows and
// blocks, failure after failure.
TEST_F(SqlIdentityStoreTest, ThrottleCountsFollowTheRule) {
    using namespace std::chrono_literals;
    const identity::ThrottleRule rule{2, 10s, 40s, 6};
    const core::Instant start = m_clock.now();
    // Offsets of each failure from the start: a burst, a pause, the hourly cap, then a new window.
    const std::chrono::seconds at[] = {0s, 1s, 2s, 3s, 30s, 31min, 31min + 1s, 32min, 33min, 61min, 62min, 125min};
    identity::ThrottleState expected;
    for (const auto offset : at) {
        const core::Instant now = start + offset;
        expected = rule.after_failure(expected, now);
        identity::ThrottleState stored, returned;
        ASSERT_TRUE(m_store.identity()
                        .write([&](identity::Transaction& tx) -> core::Status {
                            GUICHET_TRY(counted, tx.throttles().record_failure("login:rule", rule, now));
                            returned = counted;
                            GUICHET_TRY(read, tx.throttles().state("login:rule"));
                            stored = read;
                            return {};
                        })
                        .has_value());
        for (const auto& state : {returned, stored}) {
            EXPECT_EQ(state.failures, expected.failures) << offset.count();
            EXPECT_EQ(state.window_start, expected.window_start) << offset.count();
            EXPECT_EQ(state.blocked_until, expected.blocked_until) << offset.count();
        }
    }
}

// Parallel guesses (each its own transaction, as parallel requests are) are all counted: none is lost between a
// read and a write.
TEST_F(SqlIdentityStoreTest, ParallelFailuresAreAllCounted) {
    const identity::ThrottleRule rule{1'000'000, std::chrono::seconds(1), std::chrono::seconds(1), 1'000'000};
    constexpr int kThreads = 6, kEach = 40;
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                const auto done = m_store.identity().write([&](identity::Transaction& tx) -> core::Status {
                    GUICHET_TRY_STATUS(tx.throttles().record_failure("login:parallel", rule, m_clock.now()));
                    return {};
                });
                failed += done ? 0 : 1;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(failed.load(), 0);
    int failures = 0;
    ASSERT_TRUE(m_store.identity()
                    .read([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(state, tx.throttles().state("login:parallel"));
                        failures = state.failures;
                        return {};
                    })
                    .has_value());
    EXPECT_EQ(failures, kThreads * kEach);
}

}  // namespace
}  // namespace guichet::storage
