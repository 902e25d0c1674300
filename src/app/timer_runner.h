#pragma once

#include <spdlog/logger.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/periodic_thread.h"
#include "web/request/timers.h"

namespace guichet::app {

// Ticks the features' timers (web::Timers) on their schedule while `guichet serve` runs: one thread, never a network
// thread, that looks every second which timers are due, ticks them one after the other and logs what each did. A
// tick that fails is logged and tried again at its next period.
class TimerRunner {
  public:
    TimerRunner(const web::Timers& timers, const core::Clock& clock, std::shared_ptr<spdlog::logger> log);
    ~TimerRunner();
    TimerRunner(const TimerRunner&) = delete;
    TimerRunner& operator=(const TimerRunner&) = delete;

    void start();
    void stop();

    // Ticks every due timer once, in the calling thread.
    void step();

  private:
    const web::Timers& m_timers;
    const core::Clock& m_clock;
    std::shared_ptr<spdlog::logger> m_log;
    std::map<std::string, core::Instant> m_next;  // only the runner's thread touches it
    core::PeriodicThread m_loop;                  // last: stopped first
};

// `guichet timers run [--at INSTANT] [NAME…]`: ticks the named timers (all when none is named) once at `at`, printing
// one JSON line per timer ({"timer": …, "done": n}). Returns the exit code: 0, 2 for an unknown name, 1 for a failure.
int run_timers(const web::Timers& timers, const std::vector<std::string>& names, core::Instant at, std::ostream& out,
               std::ostream& err);

}  // namespace guichet::app
