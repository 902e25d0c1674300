#include "core/fixed_clock.h"

namespace guichet::core {

FixedClock::FixedClock(Instant start) noexcept : m_micros(start.time_since_epoch().count()) {}

Instant FixedClock::now() const {
    return Instant{std::chrono::microseconds{m_micros.load()}};
}

void FixedClock::set(Instant instant) noexcept {
    m_micros.store(instant.time_since_epoch().count());
}

void FixedClock::advance(std::chrono::microseconds step) noexcept {
    m_micros.fetch_add(step.count());
}

}  // namespace guichet::core
