#include "app/timer_runner.h"

#include <gtest/gtest.h>

#include <sstream>

#include <spdlog/spdlog.h>

#include "core/fixed_clock.h"

namespace guichet::app {
namespace {

const core::Instant kNoon = *core::instant_from_iso_utc("2026-11-10T12:00:00Z");

TEST(Timers, RunTicksTheNamedTimerAtTheGivenInstantAndPrintsWhatItDid) {
    web::Timers timers;
    std::vector<core::Instant> ticks_a, ticks_b;
    timers.add({"a", std::chrono::seconds(60), [&](core::Instant now) -> core::Result<std::size_t> {
                    ticks_a.push_back(now);
                    return std::size_t{3};
                }});
    timers.add({"b", std::chrono::seconds(60), [&](core::Instant now) -> core::Result<std::size_t> {
                    ticks_b.push_back(now);
                    return std::size_t{0};
                }});
    std::ostringstream out, err;
    EXPECT_EQ(run_timers(timers, {"a"}, kNoon, out, err), 0);
    EXPECT_EQ(ticks_a, std::vector<core::Instant>{kNoon});
    EXPECT_TRUE(ticks_b.empty());
    EXPECT_EQ(out.str(), "{\"done\":3,\"timer\":\"a\"}\n");

    std::ostringstream all;
    EXPECT_EQ(run_timers(timers, {}, kNoon, all, err), 0);
    EXPECT_EQ(ticks_a.size(), 2U);
    EXPECT_EQ(ticks_b.size(), 1U);
}

TEST(Timers, AnUnknownNameTicksNothingAndAFailureIsReported) {
    web::Timers timers;
    int ticked = 0;
    timers.add({"a", std::chrono::seconds(60), [&](core::Instant) -> core::Result<std::size_t> {
                    ++ticked;
                    return core::fail(core::ErrorCode::internal, "error_internal");
                }});
    std::ostringstream out, err;
    EXPECT_EQ(run_timers(timers, {"a", "nope"}, kNoon, out, err), 2);
    EXPECT_EQ(ticked, 0);
    EXPECT_NE(err.str().find("no timer named nope"), std::string::npos);
    EXPECT_EQ(run_timers(timers, {"a"}, kNoon, out, err), 1);
    EXPECT_EQ(ticked, 1);
}

TEST(Timers, TheRunnerTicksEachTimerOncePerPeriod) {
    web::Timers timers;
    int ticked = 0;
    timers.add({"a", std::chrono::seconds(60), [&](core::Instant) -> core::Result<std::size_t> {
                    ++ticked;
                    return std::size_t{1};
                }});
    core::FixedClock clock(kNoon);
    TimerRunner runner(timers, clock, spdlog::default_logger());
    runner.step();
    runner.step();
    EXPECT_EQ(ticked, 1);
    clock.advance(std::chrono::seconds(59));
    runner.step();
    EXPECT_EQ(ticked, 1);
    clock.advance(std::chrono::seconds(1));
    runner.step();
    EXPECT_EQ(ticked, 2);
}

TEST(Timers, ATimerWithoutNameTickOrPeriodOrTwiceRegisteredIsRefused) {
    web::Timers timers;
    auto tick = [](core::Instant) -> core::Result<std::size_t> { return std::size_t{0}; };
    EXPECT_THROW(timers.add({"", std::chrono::seconds(1), tick}), std::logic_error);
    EXPECT_THROW(timers.add({"a", std::chrono::seconds(0), tick}), std::logic_error);
    EXPECT_THROW(timers.add({"a", std::chrono::seconds(1), nullptr}), std::logic_error);
    timers.add({"a", std::chrono::seconds(1), tick});
    EXPECT_THROW(timers.add({"a", std::chrono::seconds(1), tick}), std::logic_error);
}

}  // namespace
}  // namespace guichet::app
