#include "identity/login_throttle.h"

#include <algorithm>

namespace guichet::identity {

ThrottleState ThrottleRule::after_failure(ThrottleState state, core::Instant now) const {
    if (now >= state.window_start + window) {
        state = ThrottleState{now, 0, state.blocked_until};
    }
    state.failures += 1;
    return blocked_after(state, now);
}

ThrottleState ThrottleRule::blocked_after(ThrottleState state, core::Instant now) const {
    if (state.failures >= max_failures_per_hour) {
        state.blocked_until = std::max(state.blocked_until, state.window_start + window);
        return state;
    }
    if (state.failures > free_failures) {
        const int doublings = std::min(state.failures - free_failures - 1, 20);
        const auto delay = std::min<std::chrono::seconds>(first_delay * (1LL << doublings), max_delay);
        state.blocked_until = std::max(state.blocked_until, now + delay);
    }
    return state;
}

}  // namespace guichet::identity
