#include "storage/housekeeping.h"

#include <gtest/gtest.h>

#include <map>

#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using namespace std::chrono_literals;

TEST(Housekeeping, SweepsDeadSessionsOldLinksAndSpentThrottlesOnly) {
    testing::TestDatabase test;
    core::FixedClock clock{*core::instant_from_iso_utc("2026-11-26T10:00:00Z")};
    ASSERT_TRUE(Migrator(test.database(), clock).apply_pending().has_value());
    SqlCommuneRepository communes(test.database(), clock);
    tenancy::NewCommune commune;
    commune.slug = "chanteloup-les-vignes";
    commune.name = "Chanteloup-les-Vignes";
    const core::CommuneId id = communes.insert(commune)->id;
    SqlUnitOfWork store(test.database(), clock, MailDelivery::hold);
    const core::Instant now = clock.now();
    ASSERT_TRUE(
        store.identity()
            .write([&](identity::Transaction& tx) -> core::Status {
                identity::Account account;
                account.commune = id;
                account.username = "marie";
                account.email = "marie@example.fr";
                GUICHET_TRY(account_id, tx.identity().insert_account(account));
                GUICHET_TRY_STATUS(
                    tx.identity().insert_session({"alive", account_id, id, now - 1h, now - 5min, "", ""}));
                GUICHET_TRY_STATUS(
                    tx.identity().insert_session({"idle", account_id, id, now - 1h, now - 31min, "", ""}));
                GUICHET_TRY_STATUS(
                    tx.identity().insert_session({"old", account_id, id, now - 13h, now - 1min, "", ""}));
                GUICHET_TRY_STATUS(
                    tx.identity().insert_token({"fresh", account_id, id, identity::TokenPurpose::confirm_email, "",
                                                now - 1h, now + 23h, std::nullopt}));
                GUICHET_TRY_STATUS(
                    tx.identity().insert_token({"stale", account_id, id, identity::TokenPurpose::password_reset, "",
                                                now - 40 * 24h, now - 40 * 24h + 30min, std::nullopt}));
                // Spent: its window ended (even a day's quota would be over) and its block too. Blocking:
                // its last failures block it for two hours. Current: a window still open.
                const identity::ThrottleRule rule{1, 1min, 2h, 1000};
                for (int i = 0; i < 5; ++i) {
                    GUICHET_TRY_STATUS(tx.throttles().record_failure("spent", identity::kAccountThrottle, now - 25h));
                }
                for (int i = 0; i < 10; ++i) {
                    GUICHET_TRY_STATUS(tx.throttles().record_failure("blocking", rule, now - 65min));
                }
                GUICHET_TRY_STATUS(tx.throttles().record_failure("current", identity::kAccountThrottle, now - 10min));
                return {};
            })
            .has_value());
    const auto report = sweep_expired(test.database(), now, 30min, 12h);
    ASSERT_TRUE(report.has_value()) << core::describe(report.error());
    EXPECT_EQ(report->sessions, 2);
    EXPECT_EQ(report->tokens, 1);
    EXPECT_EQ(report->throttles, 1);
    EXPECT_TRUE(store.identity()
                    .read([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(alive, tx.identity().find_session(id, "alive"));
                        EXPECT_TRUE(alive.has_value());
                        GUICHET_TRY(fresh, tx.identity().find_token(id, "fresh"));
                        EXPECT_TRUE(fresh.has_value());
                        GUICHET_TRY(blocking, tx.throttles().state("blocking"));
                        EXPECT_EQ(blocking.failures, 10);
                        return {};
                    })
                    .has_value());
}

TEST(Housekeeping, PurgesSignUpsWhoseConfirmationLinkIsGoneAndKeepsTheOthers) {
    testing::TestDatabase test;
    core::FixedClock clock{*core::instant_from_iso_utc("2026-11-26T10:00:00Z")};
    ASSERT_TRUE(Migrator(test.database(), clock).apply_pending().has_value());
    SqlCommuneRepository communes(test.database(), clock);
    tenancy::NewCommune commune;
    commune.slug = "chanteloup-les-vignes";
    commune.name = "Chanteloup-les-Vignes";
    const core::CommuneId id = communes.insert(commune)->id;
    SqlUnitOfWork store(test.database(), clock, MailDelivery::hold);
    const core::Instant now = clock.now();
    std::map<std::string, core::AccountId> ids;
    ASSERT_TRUE(store.identity()
                    .write([&](identity::Transaction& tx) -> core::Status {
                        // name, status, age, confirmation link (none, expired, live)
                        struct Case {
                            const char* name;
                            identity::AccountStatus status;
                            std::chrono::seconds age;
                            int link;
                        };
                        for (const Case& c : {Case{"abandoned", identity::AccountStatus::pending_confirmation, 25h, 1},
                                              Case{"no-link", identity::AccountStatus::pending_confirmation, 40h, 0},
                                              Case{"resent", identity::AccountStatus::pending_confirmation, 30h, 2},
                                              Case{"recent", identity::AccountStatus::pending_confirmation, 2h, 0},
                                              Case{"confirmed", identity::AccountStatus::active, 60h, 1}}) {
                            identity::Account account;
                            account.commune = id;
                            account.status = c.status;
                            account.username = c.name;
                            account.email = std::string(c.name) + "@example.fr";
                            account.created_at = now - c.age;
                            GUICHET_TRY(account_id, tx.identity().insert_account(account));
                            ids.insert_or_assign(c.name, account_id);
                            GUICHET_TRY_STATUS(tx.audit().record(
                                {id, account_id, std::nullopt, "signup", "192.0.2.1", {}, now - c.age}));
                            if (c.link != 0) {
                                const core::Instant issued = c.link == 2 ? now - 1h : now - c.age;
                                GUICHET_TRY_STATUS(tx.identity().insert_token(
                                    {std::string("link-") + c.name, account_id, id,
                                     identity::TokenPurpose::confirm_email, "", issued, issued + 24h, std::nullopt}));
                            }
                        }
                        return {};
                    })
                    .has_value());
    const auto report = sweep_expired(test.database(), now, 30min, 12h);
    ASSERT_TRUE(report.has_value()) << core::describe(report.error());
    EXPECT_EQ(report->signups, 2);
    const auto count = [&](const std::string& sql, long long account) {
        long long n = -1;
        EXPECT_TRUE(test.database()
                        .read([&](soci::session& session) -> core::Status {
                            session << sql, soci::use(account), soci::into(n);
                            return {};
                        })
                        .has_value());
        return n;
    };
    for (const char* gone : {"abandoned", "no-link"}) {
        const long long account = ids.at(gone).value();
        EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE id = :id", account), 0) << gone;
        EXPECT_EQ(count("SELECT COUNT(*) FROM account_token WHERE account_id = :id", account), 0) << gone;
    }
    for (const char* kept : {"resent", "recent", "confirmed"}) {
        EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE id = :id", ids.at(kept).value()), 1) << kept;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_event WHERE account_id IS NULL AND kind = 'signup' AND 0 = :unused", 0),
              2)
        << "the audit keeps its rows, without the account";
    long long freed = 0;
    ASSERT_TRUE(store.identity()
                    .read([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(taken, tx.identity().username_taken(id, "abandoned"));
                        freed = taken ? 0 : 1;
                        return {};
                    })
                    .has_value());
    EXPECT_EQ(freed, 1) << "the username is free again";
}

}  // namespace
}  // namespace guichet::storage
