#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/clock.h"
#include "core/instant.h"

namespace guichet::core {

// A clock that shows the time it is told and moves only when told to, for tests and for replaying scenarios: "the
// registration closes at midnight; set the clock to 23:59 and try, then advance two minutes and try again". It may
// be read by server threads while a test thread moves it, hence the atomic.
class FixedClock final : public Clock {
  public:
    // Starts the clock showing `start`.
    explicit FixedClock(Instant start) noexcept;

    // Returns the instant last set, plus every advance since. Safe to call concurrently with set and advance.
    [[nodiscard]] Instant now() const override;

    // Makes the clock show `instant` from now on, whether it lies before or after the current reading.
    void set(Instant instant) noexcept;

    // Moves the clock by `step`, backwards when `step` is negative. Coarser durations (seconds, minutes, hours)
    // convert implicitly. Concurrent advances all take effect; none is lost.
    void advance(std::chrono::microseconds step) noexcept;

  private:
    // Microseconds since 1970-01-01T00:00:00Z. An integer, because std::atomic of it is lock-free everywhere.
    std::atomic<std::int64_t> m_micros;
};

}  // namespace guichet::core
