#pragma once

#include <ostream>

#include "app/config.h"

namespace guichet::app {

// `guichet routes`: prints every route of the portal, one per line, tab-separated: method, path pattern, name,
// access policy, and what it answers (page or JSON; "slow" when it runs on the worker pool). The application is
// assembled as `serve` assembles it, on a throw-away database, so the table is the one a server would use.
int routes_command(const Config& config, std::ostream& out, std::ostream& err);

}  // namespace guichet::app
