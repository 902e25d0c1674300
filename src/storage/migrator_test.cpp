#include "storage/migrator.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "storage/test_database.h"

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
