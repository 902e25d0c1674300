#include "web/view/dashboard.h"

#include <algorithm>

namespace guichet::web {

Response Dashboard::render(RequestContext& context, int status, nlohmann::json data,
                           const std::map<std::string, DashboardBlock>& shown) const {
    std::vector<DashboardTile> tiles = m_navigation.tiles();
    nlohmann::json panels = nlohmann::json::array();
    for (const DashboardPanel& panel : m_navigation.panels()) {
        DashboardBlock block;
        if (const auto given = shown.find(panel.name); given != shown.end()) {
            block = given->second;
        } else {
            auto provided = panel.provide(context);
            if (!provided) {
                return m_pages.failure(context, provided.error());
            }
            block = std::move(*provided);
        }
        tiles.insert(tiles.end(), block.tiles.begin(), block.tiles.end());
        if (!block.html.empty()) {
            panels.push_back({{"html", std::move(block.html)}});
        }
    }
    std::stable_sort(tiles.begin(), tiles.end(),
                     [](const DashboardTile& a, const DashboardTile& b) { return a.order < b.order; });
    nlohmann::json links = nlohmann::json::array();
    for (const auto& tile : tiles) {
        links.push_back({{"href", context.url(tile.route)}, {"label", m_pages.text(context, tile.label_key)}});
    }
    data["dashboard"] = std::move(links);
    if (context.signed_in && context.signed_in->account.previous_login_at) {
        data["last_login"] = context.local_text(*context.signed_in->account.previous_login_at);
    }
    data["panels"] = std::move(panels);
    return m_pages.page(status, context, "common/home", "home_title", std::move(data));
}

}  // namespace guichet::web
