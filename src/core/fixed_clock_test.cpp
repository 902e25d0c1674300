#include "core/fixed_clock.h"

#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.h"

namespace guichet::core {
namespace {

using namespace std::chrono_literals;

constexpr Instant kStart{std::chrono::seconds{1561111560}};  // 2019-06-21T10:06:00Z

TEST(FixedClock, ShowsTheInstantItStartedAtUntilMoved) {
    const FixedClock clock(kStart);
    EXPECT_EQ(clock.now(), kStart);
    EXPECT_EQ(clock.now(), kStart);
}

TEST(FixedClock, WorksThroughTheClockInterface) {
    FixedClock fixed(kStart);
    const Clock& clock = fixed;
    fixed.advance(1s);
    EXPECT_EQ(clock.now(), kStart + 1s);
}

TEST(FixedClock, SetsAndAdvancesInBothDirections) {
    struct Step {
        bool is_set;
        Instant set_to;
        std::chrono::microseconds advance_by;
        Instant expected;
    };
    const Step steps[] = {
        {false, {}, 2min, kStart + 2min},           {false, {}, 1us, kStart + 2min + 1us},
        {false, {}, -1h, kStart + 2min + 1us - 1h}, {true, kStart - 24h, {}, kStart - 24h},
        {true, Instant{}, {}, Instant{}},           {false, {}, -1s, Instant{} - 1s},
    };
    FixedClock clock(kStart);
    int index = 0;
    for (const auto& step : steps) {
        SCOPED_TRACE(index++);
        if (step.is_set) {
            clock.set(step.set_to);
        } else {
            clock.advance(step.advance_by);
        }
        EXPECT_EQ(clock.now(), step.expected);
    }
}

TEST(FixedClock, LosesNoAdvanceWhenThreadsMoveItConcurrently) {
    constexpr int kThreads = 4;
    constexpr int kStepsPerThread = 10000;
    FixedClock clock(kStart);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&clock] {
            for (int i = 0; i < kStepsPerThread; ++i) {
                clock.advance(1us);
                static_cast<void>(clock.now());
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(clock.now(), kStart + std::chrono::microseconds{kThreads * kStepsPerThread});
}

}  // namespace
}  // namespace guichet::core
