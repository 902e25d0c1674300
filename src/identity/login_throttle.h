#pragma once

#include <chrono>

#include "core/instant.h"

namespace guichet::identity {

// The counting window of a rule, unless it says otherwise.
inline constexpr std::chrono::seconds kThrottleWindow{3600};

// Failures (or, for quotas, events) counted against one key ("login:<identifier>", "ip:<address>",
// "signup-ip:<address>"…) in the current window of its rule.
struct ThrottleState {
    core::Instant window_start{};
    int failures = 0;
    core::Instant blocked_until{};
};

// Growing delays after repeated failures (OWASP ASVS 2.2.1): the first `free_failures` cost nothing, then each
// failure blocks the key for twice as long as the previous one (from first_delay up to max_delay); after
// max_failures_per_hour the key is blocked until the window (an hour unless set) is over.
struct ThrottleRule {
    int free_failures;
    std::chrono::seconds first_delay;
    std::chrono::seconds max_delay;
    int max_failures_per_hour;
    std::chrono::seconds window = kThrottleWindow;

    // Returns the state after one more failure at `now` (a window older than an hour starts again from zero).
    [[nodiscard]] ThrottleState after_failure(ThrottleState state, core::Instant now) const;

    // The second half of after_failure, for stores that count the failure themselves (atomically, in SQL): the
    // state whose failures already include the one at `now`, blocked as long as that count calls for.
    [[nodiscard]] ThrottleState blocked_after(ThrottleState counted, core::Instant now) const;
};

// The longest window of any rule: a key is kept at least that long after its window started.
inline constexpr std::chrono::seconds kLongestThrottleWindow{24 * 3600};

// A quota: `count` events per `window`, then the key is blocked for a whole window from the last one.
[[nodiscard]] constexpr ThrottleRule at_most(int count, std::chrono::seconds window) {
    return ThrottleRule{count - 1, window, window, count, window};
}

// For one account identifier: 3 free failures, then 1 s, 2 s, 4 s… up to 15 min; at most 100 an hour.
inline constexpr ThrottleRule kAccountThrottle{3, std::chrono::seconds(1), std::chrono::minutes(15), 100};
// For one IP address (a whole school or office may share one): 20 free, then growing, at most 1,000 an hour.
inline constexpr ThrottleRule kAddressThrottle{20, std::chrono::seconds(1), std::chrono::minutes(15), 1000};

// Returns true when the key may try now.
[[nodiscard]] inline bool throttle_allows(const ThrottleState& state, core::Instant now) {
    return now >= state.blocked_until;
}

}  // namespace guichet::identity
