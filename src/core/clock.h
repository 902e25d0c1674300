#pragma once

#include "core/instant.h"

namespace guichet::core {

// The source of the current instant. Code that needs "now" (session expiry, booking deadlines, "today" in a town)
// receives a Clock instead of reading the system clock, so that tests can fix time with FixedClock and production
// uses SystemClock. Implementations are safe to call from several threads at once.
class Clock {
  public:
    Clock() = default;
    Clock(const Clock&) = delete;
    Clock& operator=(const Clock&) = delete;
    Clock(Clock&&) = delete;
    Clock& operator=(Clock&&) = delete;

    // Destroys the clock; virtual so that an owner holding a Clock pointer destroys the right implementation.
    virtual ~Clock();

    // Returns the current instant according to this clock. Successive calls on one clock never go backwards unless
    // the clock is explicitly set back (FixedClock::set) or the operating system's time is.
    [[nodiscard]] virtual Instant now() const = 0;
};

}  // namespace guichet::core
