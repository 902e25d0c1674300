#include "core/periodic_thread.h"

#include <utility>

namespace guichet::core {

PeriodicThread::~PeriodicThread() {
    stop();
}

void PeriodicThread::start(std::chrono::milliseconds interval, std::function<void()> step) {
    m_thread = std::thread([this, interval, step = std::move(step)] {
        for (;;) {
            step();
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, interval, [this] { return m_woken || m_stopping; });
            if (m_stopping) {
                return;
            }
            m_woken = false;
        }
    });
}

void PeriodicThread::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void PeriodicThread::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

bool PeriodicThread::stopping() const {
    std::lock_guard lock(m_mutex);
    return m_stopping;
}

}  // namespace guichet::core
