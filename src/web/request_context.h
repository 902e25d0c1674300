#pragma once

#include <optional>
#include <string>
#include <vector>

#include <memory>

#include "web/commune_directory.h"
#include "web/http.h"
#include "web/i18n.h"
#include "web/router.h"

namespace guichet::web {

// Everything a handler knows about the request it answers.
struct RequestContext {
    const Request& request;
    RouteParams params;
    Language language = Language::fr;
    // The commune named by the first path segment, already looked up, for every route under "/{commune}/".
    std::shared_ptr<const CommuneEntry> commune;
    // Set-Cookie values the response must carry (the language choice, later the session).
    std::vector<std::string> cookies;
};

}  // namespace guichet::web
