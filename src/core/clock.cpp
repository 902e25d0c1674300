#include "core/clock.h"

namespace guichet::core {

// Defined out of line so that the vtable is emitted in one translation unit instead of in every user of the header.
Clock::~Clock() = default;

}  // namespace guichet::core
