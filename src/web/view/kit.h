#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "web/request/commune_directory.h"
#include "web/request/navigation.h"
#include "web/request/sessions.h"
#include "web/view/dashboard.h"
#include "web/view/pages.h"

namespace guichet::web {

// What every feature's handlers use besides their own services: the pages, the parent's home page, the session
// cookies, the time, the portal's public address (for links printed on paper), the communes, the error log.
struct Kit {
    const Pages& pages;
    const Dashboard& dashboard;
    // What the features registered around their pages (menu, home-page blocks, sections of a child's profile).
    const Navigation& navigation;
    const Sessions& sessions;
    const core::Clock& clock;
    // "https://portail.example": set before the server starts, never changed while it serves.
    const std::string& public_url;
    CommuneDirectory& communes;
    std::shared_ptr<spdlog::logger> error_log;
};

}  // namespace guichet::web
