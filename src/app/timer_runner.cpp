#include "app/timer_runner.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace guichet::app {

TimerRunner::TimerRunner(const web::Timers& timers, const core::Clock& clock, std::shared_ptr<spdlog::logger> log)
    : m_timers(timers), m_clock(clock), m_log(std::move(log)) {}

TimerRunner::~TimerRunner() {
    stop();
}

void TimerRunner::start() {
    m_loop.start(std::chrono::seconds(1), [this] { step(); });
}

void TimerRunner::stop() {
    m_loop.stop();
}

void TimerRunner::step() {
    for (const web::Timer* timer : m_timers.all()) {
        if (m_loop.stopping()) {
            return;
        }
        const core::Instant now = m_clock.now();
        auto next = m_next.find(timer->name);
        if (next != m_next.end() && now < next->second) {
            continue;
        }
        m_next[timer->name] = now + timer->every;
        try {
            auto done = timer->tick(now);
            if (!done) {
                m_log->error(nlohmann::json{
                    {"event", "timer_failed"}, {"timer", timer->name}, {"error", core::describe(done.error())}}
                                 .dump());
            } else if (*done > 0) {
                m_log->info(nlohmann::json{{"event", "timer"}, {"timer", timer->name}, {"done", *done}}.dump());
            }
        } catch (const std::exception& error) {
            m_log->error(
                nlohmann::json{{"event", "timer_failed"}, {"timer", timer->name}, {"error", error.what()}}.dump());
        }
    }
}

int run_timers(const web::Timers& timers, const std::vector<std::string>& names, core::Instant at, std::ostream& out,
               std::ostream& err) {
    std::vector<const web::Timer*> chosen;
    if (names.empty()) {
        chosen = timers.all();
    }
    for (const std::string& name : names) {
        const web::Timer* timer = timers.find(name);
        if (timer == nullptr) {
            err << "error: no timer named " << name << "; there are:";
            for (const web::Timer* known : timers.all()) {
                err << " " << known->name;
            }
            err << "\n";
            return 2;
        }
        chosen.push_back(timer);
    }
    int code = 0;
    for (const web::Timer* timer : chosen) {
        auto done = timer->tick(at);
        if (!done) {
            err << "error (" << timer->name << "): " << core::describe(done.error()) << "\n";
            code = 1;
            continue;
        }
        out << nlohmann::json{{"timer", timer->name}, {"done", *done}}.dump() << "\n";
    }
    return code;
}

}  // namespace guichet::app
