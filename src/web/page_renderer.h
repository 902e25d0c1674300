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

// "Marie DUPONT": first name, then the surname in capitals, as the town's records print people.
[[nodiscard]] std::string person_name(const std::string& first_name, const std::string& last_name);

// "Madame DUPONT" (civility in the language, surname in capitals), or "Paul MARTIN" without a civility.
[[nodiscard]] std::string display_name(const std::string& civility, const std::string& first_name,
                                       const std::string& last_name, Language language, const Catalogue& catalogue);

// Wraps a page's own template in the common layout (header with the commune, navigation, "BESOIN D'AIDE ?" block,
// footer) and fills in what every page needs: the message catalogue as t, asset URLs, the language switch, the
// signed-in account and its navigation, the CSRF token for forms, the message left by the previous action.
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

    // Returns the signed-in account as the layout shows it (display name, role flags, home, logout form target).
    [[nodiscard]] nlohmann::json account_view(const RequestContext& context) const;

    // Returns the navigation items for the signed-in account, the current page marked.
    [[nodiscard]] nlohmann::json navigation(const RequestContext& context) const;

  private:
    [[nodiscard]] nlohmann::json language_switch(const RequestContext& context) const;

    const Templates& m_templates;
    const Catalogue& m_catalogue;
    const StaticAssets& m_assets;
};

}  // namespace guichet::web
