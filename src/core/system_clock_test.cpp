#include "core/system_clock.h"

#include <chrono>

#include <gtest/gtest.h>

#include "core/clock.h"

namespace guichet::core {
namespace {

TEST(SystemClock, FollowsTheOperatingSystemClock) {
    const SystemClock system_clock;
    const Clock& clock = system_clock;
    const auto before = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
    const Instant now = clock.now();
    const auto after = std::chrono::system_clock::now();
    EXPECT_LE(before, now);
    EXPECT_LE(now, after);
}

TEST(SystemClock, ReportsATimeAfterThisCodeWasWritten) {
    // Catches an implementation that returns the epoch or some other constant.
    const Instant written{std::chrono::seconds{1704067200}};  // 2024-01-01T00:00:00Z
    EXPECT_GT(SystemClock().now(), written);
}

}  // namespace
}  // namespace guichet::core
