#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace guichet::core {

// A thread that runs one step of background work (send the mails due, run the queued jobs) at once when started,
// then every `interval`, or earlier when woken, until stopped. A step in progress is never interrupted: long steps
// look at stopping() between items of work.
class PeriodicThread {
  public:
    PeriodicThread() = default;
    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;
    // Stops the thread (see stop()).
    ~PeriodicThread();

    // Starts the thread. REQUIRES: not started yet.
    void start(std::chrono::milliseconds interval, std::function<void()> step);

    // Asks the thread to stop and waits for it: it ends once the step in progress returns. Idempotent; a thread
    // never started stops at once.
    void stop();

    // Asks for a step now, instead of at the end of the interval. A wake during a step gives one more step after it.
    void wake();

    // True once stop() was called: a long step returns early when it sees it.
    [[nodiscard]] bool stopping() const;

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_woken = false;     // guarded by m_mutex
    bool m_stopping = false;  // guarded by m_mutex
    std::thread m_thread;
};

}  // namespace guichet::core
