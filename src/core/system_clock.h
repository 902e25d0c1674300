#pragma once

#include "core/clock.h"
#include "core/instant.h"

namespace guichet::core {

// The clock of production: the operating system's real-time clock (std::chrono::system_clock), truncated to the
// microsecond. It follows the system's time, including when an administrator or NTP sets it back.
class SystemClock final : public Clock {
  public:
    SystemClock() = default;

    // Returns the operating system's current time, truncated to the microsecond. Never fails and never blocks.
    [[nodiscard]] Instant now() const override;
};

}  // namespace guichet::core
