#pragma once

#include <string_view>

#include "core/result.h"
#include "identity/login_throttle.h"

namespace guichet::identity {

// Failure counters by key ("login:…", "ip:…", "childcare:…", "mail:…"), shared by every module that throttles.
class Throttles {
  public:
    virtual ~Throttles() = default;

    // Returns the state of a key; a key never seen reads as a fresh state.
    [[nodiscard]] virtual core::Result<ThrottleState> state(std::string_view key) = 0;

    // Counts one failure against a key at `now` under `rule` and returns the state after it. The count is one
    // atomic increment in the store: failures recorded at the same moment by parallel requests are all counted
    // (a read followed by a write would lose some on PostgreSQL under read committed).
    [[nodiscard]] virtual core::Result<ThrottleState> record_failure(std::string_view key, const ThrottleRule& rule,
                                                                     core::Instant now) = 0;

    [[nodiscard]] virtual core::Status clear(std::string_view key) = 0;
};

}  // namespace guichet::identity
