#include "storage/migrator.h"

#include <algorithm>
#include <stdexcept>

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "identity/staff_service.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

TEST(Migrator, AppliesEveryMigrationOnceAndRecordsIt) {
    testing::TestDatabase test;
    core::FixedClock clock(core::Instant{});
    Migrator migrator(test.database(), clock);
    const auto& all = all_migrations();

    auto pending = migrator.pending_count();
    ASSERT_TRUE(pending.has_value()) << core::describe(pending.error());
    EXPECT_EQ(*pending, static_cast<int>(all.size()));

    auto applied = migrator.apply_pending();
    ASSERT_TRUE(applied.has_value()) << core::describe(applied.error());
    EXPECT_EQ(*applied, static_cast<int>(all.size()));

    auto again = migrator.apply_pending();
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(*migrator.pending_count(), 0);

    const auto states = migrator.states();
    ASSERT_TRUE(states.has_value());
    for (const auto& state : *states) {
        EXPECT_TRUE(state.applied) << state.name;
    }
}

// Migration 4 moves accounts closed before it out of the names a sign-up can take ("ferme-7" could be reserved).
TEST(Migrations, ClosedAccountsLeaveTheUsernameSpace) {
    testing::TestDatabase test;
    core::FixedClock clock(core::Instant{});
    ASSERT_TRUE(Migrator(test.database(), clock).apply_pending().has_value());
    const auto& all = all_migrations();
    const auto fourth = std::find_if(all.begin(), all.end(), [](const Migration& m) { return m.version == 4; });
    ASSERT_NE(fourth, all.end());
    SqlCommuneRepository communes(test.database(), clock);
    tenancy::NewCommune commune;
    commune.slug = "chanteloup-les-vignes";
    commune.name = "Chanteloup-les-Vignes";
    const core::CommuneId id = communes.insert(commune)->id;
    SqlUnitOfWork store(test.database(), clock, MailDelivery::hold);
    const auto insert = [&](identity::AccountStatus status, const std::string& username, const std::string& email) {
        std::optional<core::AccountId> inserted;
        EXPECT_TRUE(store.identity()
                        .write([&](identity::Transaction& tx) -> core::Status {
                            identity::Account account;
                            account.commune = id;
                            account.status = status;
                            account.username = username;
                            account.email = email;
                            GUICHET_TRY(account_id, tx.identity().insert_account(account));
                            inserted = account_id;
                            return {};
                        })
                        .has_value());
        return *inserted;
    };
    // As the code before migration 4 left them.
    const core::AccountId closed = insert(identity::AccountStatus::closed, "ferme-41", "ferme-41@invalid");
    const core::AccountId open = insert(identity::AccountStatus::pending_confirmation, "ferme-42", "squat@example.fr");
    ASSERT_TRUE(test.database()
                    .transact([&](soci::session& session) -> core::Status {
                        for (const auto statement : fourth->statements) {
                            session << render_statement(statement, dialect_of(test.database().backend()));
                        }
                        return {};
                    })
                    .has_value());
    ASSERT_TRUE(store.identity()
                    .read([&](identity::Transaction& tx) -> core::Status {
                        GUICHET_TRY(was_closed, tx.identity().find_account(id, closed));
                        EXPECT_EQ(was_closed->username, identity::closed_account_name(closed));
                        EXPECT_EQ(was_closed->email, identity::closed_account_name(closed));
                        GUICHET_TRY(taken, tx.identity().username_taken(id, identity::closed_account_name(closed)));
                        EXPECT_TRUE(taken) << "found by its lowercase name too";
                        GUICHET_TRY(still_open, tx.identity().find_account(id, open));
                        EXPECT_EQ(still_open->username, "ferme-42") << "accounts still open keep their names";
                        return {};
                    })
                    .has_value());
}

TEST(Migrations, RunOneSequenceAcrossModules) {
    const auto& all = all_migrations();
    ASSERT_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].version, static_cast<int>(i + 1)) << all[i].name;
    }
}

TEST(Migrations, SpellTheDialectWordsForEachBackend) {
    struct Case {
        Backend backend;
        std::string_view expected;
    };
    const Case cases[] = {
        {Backend::sqlite, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT"},
        {Backend::postgresql, "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n BIGINT NOT NULL)"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(render_statement("CREATE TABLE t (id {id}, n {int} NOT NULL){strict}", dialect_of(c.backend)),
                  c.expected);
    }
    EXPECT_THROW((void)render_statement("CREATE TABLE t (x {float})", dialect_of(Backend::sqlite)),
                 std::invalid_argument);
    EXPECT_THROW((void)render_statement("CREATE TABLE t (x {int)", dialect_of(Backend::sqlite)), std::invalid_argument);
}

TEST(Migrations, UseOnlyKnownDialectWords) {
    for (const auto& migration : all_migrations()) {
        for (const auto statement : migration.statements) {
            for (const Backend backend : {Backend::sqlite, Backend::postgresql}) {
                EXPECT_NO_THROW((void)render_statement(statement, dialect_of(backend))) << migration.name;
            }
        }
    }
}

}  // namespace
}  // namespace guichet::storage
