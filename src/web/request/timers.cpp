#include "web/request/timers.h"

#include <stdexcept>

namespace guichet::web {

void Timers::add(Timer timer) {
    if (timer.name.empty() || !timer.tick || timer.every <= std::chrono::seconds::zero()) {
        throw std::logic_error("A timer needs a name, a tick and a period");
    }
    const std::string name = timer.name;
    if (!m_timers.emplace(name, std::move(timer)).second) {
        throw std::logic_error("Timer registered twice: " + name);
    }
}

const Timer* Timers::find(std::string_view name) const {
    const auto it = m_timers.find(name);
    return it == m_timers.end() ? nullptr : &it->second;
}

std::vector<const Timer*> Timers::all() const {
    std::vector<const Timer*> timers;
    for (const auto& [name, timer] : m_timers) {
        timers.push_back(&timer);
    }
    return timers;
}

}  // namespace guichet::web
