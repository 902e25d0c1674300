#pragma once

#include <iosfwd>
#include <string>

#include "app/config.h"

namespace guichet::app {

struct AgentAddInput {
    std::string commune;  // slug
    std::string email;
    std::string role = "agent";  // agent or admin
    std::string first_name;
    std::string last_name;
};

// `guichet agent add`: creates an agent or admin account of a commune and prints its one-time link to choose a
// password (valid 7 days). The same link is also mailed (or held for the back office when no mail server is set).
int agent_add(const Config& config, const AgentAddInput& input, std::ostream& out, std::ostream& err);

}  // namespace guichet::app
