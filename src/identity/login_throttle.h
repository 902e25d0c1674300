#pragma once

#include <chrono>

#include "core/instant.h"

namespace guichet::identity {

// Failures counted against one key ("login:<identifier>" or "ip:<address>") in the current one-hour window.
struct ThrottleState {
    core::Instant window_start{};
    int failures = 0;
    core::Instant blocked_until{};
};

// Growing delays after repeated failures (OWASP ASVS 2.2.1): the first `free_failures` cost nothing, then each
// failure blocks the key for twice as long as the previous one (from first_delay up to max_delay); after
// max_failures_per_hour the key is blocked until the hour is over.
struct ThrottleRule {
    int free_failures;
    std::chrono::seconds first_delay;
    std::chrono::seconds max_delay;
    int max_failures_per_hour;

    // Returns the state after one more failure at `now` (a window older than an hour starts again from zero).
    [[nodiscard]] ThrottleState after_failure(ThrottleState state, core::Instant now) const;
};

// For one account identifier: 3 free failures, then 1 s, 2 s, 4 s… up to 15 min; at most 100 an hour.
inline constexpr ThrottleRule kAccountThrottle{3, std::chrono::seconds(1), std::chrono::minutes(15), 100};
// For one IP address (a whole school or office may share one): 20 free, then growing, at most 1,000 an hour.
inline constexpr ThrottleRule kAddressThrottle{20, std::chrono::seconds(1), std::chrono::minutes(15), 1000};

// Returns true when the key may try now.
[[nodiscard]] inline bool throttle_allows(const ThrottleState& state, core::Instant now) {
    return now >= state.blocked_until;
}

}  // namespace guichet::identity
