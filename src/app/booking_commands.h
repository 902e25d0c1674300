#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "app/config.h"

namespace guichet::app {

// `guichet rules explain <commune> --activity CODE --day YYYY-MM-DD --at INSTANT [--child ID]`: prints, as one JSON
// object, what booking that day at that instant would do (decision, deadline, cutoff, surcharge, reason). Returns the
// exit code: 0, 2 for bad input, 3 for an unknown commune, 1 when the database fails.
int rules_explain(const Config& config, const std::string& commune_slug, const std::string& activity,
                  const std::string& day, const std::string& at, std::optional<long long> child, std::ostream& out,
                  std::ostream& err);

}  // namespace guichet::app
