#include "storage/migrator.h"

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "storage/test_database.h"

namespace guichet::storage {
namespace {

TEST(Migrator, AppliesEveryMigrationOnceAndRecordsIt) {
    testing::TestDatabase test;
    core::FixedClock clock(core::Instant{});
    Migrator migrator(test.database(), clock);
    const auto& all = test.database().backend() == Backend::sqlite ? sqlite::migrations() : postgres::migrations();

    auto pending = migrator.pending_count();
    ASSERT_TRUE(pending.has_value()) << pending.error().message;
    EXPECT_EQ(*pending, static_cast<int>(all.size()));

    auto applied = migrator.apply_pending();
    ASSERT_TRUE(applied.has_value()) << applied.error().message;
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

TEST(Migrator, BothBackendsKnowTheSameMigrations) {
    ASSERT_EQ(sqlite::migrations().size(), postgres::migrations().size());
    for (std::size_t i = 0; i < sqlite::migrations().size(); ++i) {
        EXPECT_EQ(sqlite::migrations()[i].version, postgres::migrations()[i].version);
        EXPECT_EQ(sqlite::migrations()[i].name, postgres::migrations()[i].name);
        EXPECT_EQ(sqlite::migrations()[i].version, static_cast<int>(i + 1)) << "versions are consecutive";
    }
}

}  // namespace
}  // namespace guichet::storage
