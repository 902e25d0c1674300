#include "core/periodic_thread.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

using namespace std::chrono_literals;

// Counts steps and lets the test wait until a number of them has run.
class Steps {
  public:
    void step() {
        std::lock_guard lock(m_mutex);
        ++m_count;
        m_changed.notify_all();
    }
    bool wait_for(int count, std::chrono::milliseconds limit) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [&] { return m_count >= count; });
    }
    int count() {
        std::lock_guard lock(m_mutex);
        return m_count;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_count = 0;
};

TEST(PeriodicThread, StepsAtOnceThenWhenWokenWithoutWaitingForTheInterval) {
    Steps steps;
    PeriodicThread thread;
    thread.start(1h, [&] { steps.step(); });
    ASSERT_TRUE(steps.wait_for(1, 5s));
    thread.wake();
    ASSERT_TRUE(steps.wait_for(2, 5s));  // an hour's interval: only the wake can have run it
    thread.stop();
    EXPECT_EQ(steps.count(), 2);
    EXPECT_TRUE(thread.stopping());
}

TEST(PeriodicThread, StepsAgainAfterTheInterval) {
    Steps steps;
    PeriodicThread thread;
    thread.start(10ms, [&] { steps.step(); });
    EXPECT_TRUE(steps.wait_for(3, 5s));
}

TEST(PeriodicThread, StopLetsTheStepInProgressFinishAndThatStepSeesIt) {
    std::atomic<bool> saw_stop{false};
    std::atomic<bool> in_step{false};
    PeriodicThread thread;
    thread.start(1h, [&] {
        in_step = true;
        while (!thread.stopping()) {
            std::this_thread::sleep_for(1ms);
        }
        saw_stop = true;
    });
    while (!in_step) {
        std::this_thread::sleep_for(1ms);
    }
    thread.stop();
    EXPECT_TRUE(saw_stop);
}

TEST(PeriodicThread, AThreadNeverStartedStopsAtOnce) {
    PeriodicThread thread;
    thread.stop();
    thread.stop();
    EXPECT_TRUE(thread.stopping());
}

}  // namespace
}  // namespace guichet::core
