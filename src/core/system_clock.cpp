#include "core/system_clock.h"

#include <chrono>

namespace guichet::core {

Instant SystemClock::now() const {
    // Floor rather than round, so that now() never reports an instant that has not happened yet.
    return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace guichet::core
