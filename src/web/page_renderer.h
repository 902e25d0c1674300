#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "web/commune_directory.h"
#include "web/http.h"
#include "web/i18n.h"
#include "web/request_context.h"
#include "web/static_assets.h"
#include "web/templates.h"

namespace guichet::web {

// Wraps a page's own template in the common layout (header with the commune, navigation, "BESOIN D'AIDE ?" block,
// footer) and fills in what every page needs: the message catalogue as t, asset URLs, the language switch.
class PageRenderer {
  public:
    PageRenderer(const Templates& templates, const Catalogue& catalogue, const StaticAssets& assets)
        : m_templates(templates), m_catalogue(catalogue), m_assets(assets) {}

    // Renders templates/<content_template>.mustache with data (plus t and commune), inside the layout, titled with
    // the catalogue text title_key. commune may be null (pages outside any commune).
    [[nodiscard]] Response page(int status, const RequestContext& context, const CommuneEntry* commune,
                                std::string_view content_template, std::string_view title_key,
                                nlohmann::json data) const;

    // Returns the commune as the templates see it (name, home URL, logo URL, contact block).
    [[nodiscard]] nlohmann::json commune_view(const CommuneEntry& entry) const;

    [[nodiscard]] const Catalogue& catalogue() const { return m_catalogue; }

  private:
    [[nodiscard]] nlohmann::json language_switch(const RequestContext& context) const;

    const Templates& m_templates;
    const Catalogue& m_catalogue;
    const StaticAssets& m_assets;
};

}  // namespace guichet::web
