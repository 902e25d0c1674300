#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace guichet::web {

// Work a feature wants done on its own schedule, not in answer to a request: offers of a freed place that expire,
// reminders before a deadline, a pre-registration window that closes. A timer's tick looks at every commune, does
// what is due at `now` (each item in its own unit of work, so that two processes ticking at once do each item once)
// and returns how many items it did.
struct Timer {
    std::string name;            // "booking.offers": for the logs and `guichet timers run NAME`
    std::chrono::seconds every;  // how often `serve` ticks it
    std::function<core::Result<std::size_t>(core::Instant now)> tick;
};

// The timers the features registered at start-up (Installation::timers); read-only afterwards, so thread-safe.
// `guichet serve` ticks each one every `every` (app/runtime.cpp); `guichet timers run [--at INSTANT] [NAME…]` ticks
// them once, at a given instant, which is how tests move time on.
class Timers {
  public:
    // Adds a timer. Throws std::logic_error, which stops the server at start-up, for a timer without a name, tick or
    // period, or a name already taken.
    void add(Timer timer);

    // The timer with this name, or nullptr.
    [[nodiscard]] const Timer* find(std::string_view name) const;

    // Every timer, by name.
    [[nodiscard]] std::vector<const Timer*> all() const;

  private:
    std::map<std::string, Timer, std::less<>> m_timers;
};

}  // namespace guichet::web
