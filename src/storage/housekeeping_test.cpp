#include "storage/housekeeping.h"

#include <gtest/gtest.h>

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
    ASSERT_TRUE(store.identity()
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
                            tx.identity().insert_token({"fresh", account_id, id, identity::TokenPurpose::confirm_email,
                                                        "", now - 1h, now + 23h, std::nullopt}));
                        GUICHET_TRY_STATUS(
                            tx.identity().insert_token({"stale", account_id, id, identity::TokenPurpose::password_reset,
                                                        "", now - 40 * 24h, now - 40 * 24h + 30min, std::nullopt}));
                        GUICHET_TRY_STATUS(tx.throttles().save("spent", {now - 2h, 5, now - 90min}));
                        GUICHET_TRY_STATUS(tx.throttles().save("blocking", {now - 2h, 100, now + 5min}));
                        return tx.throttles().save("current", {now - 10min, 2, now - 9min});
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
                        EXPECT_EQ(blocking.failures, 100);
                        return {};
                    })
                    .has_value());
}

}  // namespace
}  // namespace guichet::storage
