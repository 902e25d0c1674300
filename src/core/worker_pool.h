#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace guichet::core {

// A fixed set of threads running submitted jobs in order, with a bounded queue: work that is slow on purpose
// (password hashing) runs here rather than on the threads that serve the network, and a burst beyond the queue is
// refused at once instead of piling up. Thread-safe.
class WorkerPool {
  public:
    // Starts `threads` threads (at least one); at most `max_queued` jobs may wait.
    WorkerPool(std::size_t threads, std::size_t max_queued);
    // Runs the jobs already queued, then joins the threads.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues a job; returns false (and drops it) when the queue is full or the pool is stopping.
    [[nodiscard]] bool try_submit(std::function<void()> job);

    [[nodiscard]] std::size_t queued() const;

  private:
    void run();

    const std::size_t m_max_queued;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;  // guarded by m_mutex
    bool m_stopping = false;                   // guarded by m_mutex
    std::vector<std::thread> m_threads;
};

}  // namespace guichet::core
