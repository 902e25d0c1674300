#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "web/request/navigation.h"
#include "web/view/pages.h"

namespace guichet::web {

// The parent's home page ("Mon espace"): the tiles of "Mon tableau de bord" and the blocks every feature adds
// (Navigation), in their order. Thread-safe.
class Dashboard {
  public:
    Dashboard(const Pages& pages, const Navigation& navigation) : m_pages(pages), m_navigation(navigation) {}

    // Renders the page (greeting with the previous sign-in, tiles, blocks) with `data` added. A block named in
    // `shown` is shown as given instead of asking its feature (a block in an error state, after a refused form).
    [[nodiscard]] Response render(RequestContext& context, int status, nlohmann::json data,
                                  const std::map<std::string, DashboardBlock>& shown = {}) const;

  private:
    const Pages& m_pages;
    const Navigation& m_navigation;
};

}  // namespace guichet::web
