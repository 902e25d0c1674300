#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/config.h"

namespace guichet::app {

// `guichet timers list`: the features' timers, one per line: name and period in seconds.
// `guichet timers run [--at INSTANT] [NAME…]`: ticks the named timers (every one when none is named) once, on the
// configured database, as `serve` would at that instant (default now): what tests and an operator use to run the
// offers' expiry or the reminders without waiting. Mail the ticks queue leaves with the next `serve` dispatcher.
int timers_command(const Config& config, bool list, const std::vector<std::string>& names,
                   const std::optional<std::string>& at, std::ostream& out, std::ostream& err);

}  // namespace guichet::app
