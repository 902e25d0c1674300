#pragma once

#include <ostream>
#include <string>

#include "app/config.h"

namespace guichet::app {

// `guichet allocation replay <commune> <session>`: recomputes the allocation of a session in pre-registration from
// what its run recorded (the requests with their criteria at closing, the places left, the weights and the seed),
// prints the seed and every outcome in rank order, and says whether the result is the recorded one. Returns the exit
// code: 0 when it is, 1 when it differs (or the database fails), 2 for a session that is not in pre-registration or
// not yet allocated, 3 for an unknown commune.
int allocation_replay(const Config& config, const std::string& commune_slug, const std::string& session,
                      std::ostream& out, std::ostream& err);

}  // namespace guichet::app
