#include "core/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <set>

namespace guichet::core {
namespace {

TEST(WorkerPool, RunsJobsOffTheCallingThread) {
    WorkerPool pool(2, 16);
    std::promise<std::thread::id> ran_on;
    ASSERT_TRUE(pool.try_submit([&] { ran_on.set_value(std::this_thread::get_id()); }));
    EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(WorkerPool, RefusesWorkBeyondTheQueueBound) {
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    std::atomic<int> done{0};
    {
        WorkerPool pool(1, 2);
        std::promise<void> started;
        ASSERT_TRUE(pool.try_submit([&] {
            started.set_value();
            gate.wait();
            ++done;
        }));
        started.get_future().wait();  // the only thread is busy: the next jobs queue
        EXPECT_TRUE(pool.try_submit([&] { ++done; }));
        EXPECT_TRUE(pool.try_submit([&] { ++done; }));
        EXPECT_FALSE(pool.try_submit([&] { ++done; })) << "a third queued job exceeds the bound";
        EXPECT_EQ(pool.queued(), 2u);
        release.set_value();
    }  // the destructor runs what was queued
    EXPECT_EQ(done.load(), 3);
}

}  // namespace
}  // namespace guichet::core
