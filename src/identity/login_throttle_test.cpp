#include "identity/login_throttle.h"

#include <gtest/gtest.h>

namespace guichet::identity {
namespace {

using namespace std::chrono_literals;

TEST(LoginThrottle, DelaysGrowAfterTheFreeFailures) {
    const core::Instant start{std::chrono::seconds(1'000'000)};
    struct Case {
        int failures;
        std::chrono::seconds blocked_for;
    };
    const Case cases[] = {{1, 0s}, {2, 0s}, {3, 0s},    {4, 1s},    {5, 2s},
                          {6, 4s}, {7, 8s}, {12, 256s}, {14, 900s}, {40, 900s}};
    for (const auto& c : cases) {
        ThrottleState state;
        for (int i = 0; i < c.failures; ++i) {
            state = kAccountThrottle.after_failure(state, start);
        }
        EXPECT_EQ(state.failures, c.failures);
        if (c.blocked_for == 0s) {
            EXPECT_TRUE(throttle_allows(state, start)) << c.failures;
        } else {
            EXPECT_FALSE(throttle_allows(state, start)) << c.failures;
            EXPECT_FALSE(throttle_allows(state, start + c.blocked_for - 1s)) << c.failures;
            EXPECT_TRUE(throttle_allows(state, start + c.blocked_for)) << c.failures;
        }
    }
}

TEST(LoginThrottle, AHundredFailuresInAnHourBlockUntilTheHourIsOver) {
    const core::Instant start{std::chrono::seconds(1'000'000)};
    // Delays capped at one second, so that only the hourly cap can block for long.
    const ThrottleRule rule{3, 1s, 1s, 100};
    ThrottleState state;
    for (int i = 0; i < 99; ++i) {
        state = rule.after_failure(state, start + std::chrono::seconds(i * 30));
    }
    EXPECT_TRUE(throttle_allows(state, start + 50min));
    state = rule.after_failure(state, start + 50min);
    EXPECT_FALSE(throttle_allows(state, start + 59min));
    EXPECT_TRUE(throttle_allows(state, start + 60min));
    EXPECT_EQ(kAccountThrottle.max_failures_per_hour, 100);
}

TEST(LoginThrottle, ANewHourStartsCountingAgain) {
    const core::Instant start{std::chrono::seconds(1'000'000)};
    ThrottleState state;
    for (int i = 0; i < 5; ++i) {
        state = kAccountThrottle.after_failure(state, start);
    }
    state = kAccountThrottle.after_failure(state, start + 61min);
    EXPECT_EQ(state.failures, 1);
    EXPECT_TRUE(throttle_allows(state, start + 61min));
}

}  // namespace
}  // namespace guichet::identity
