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
    [[nodiscard]] virtual core::Status save(std::string_view key, const ThrottleState& state) = 0;
    [[nodiscard]] virtual core::Status clear(std::string_view key) = 0;
};

}  // namespace guichet::identity
