#pragma once

#include <spdlog/logger.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "web/http/http.h"
#include "web/request/commune_directory.h"
#include "web/request/navigation.h"
#include "web/request/request_context.h"
#include "web/view/i18n.h"
#include "web/view/static_assets.h"
#include "web/view/templates.h"

namespace guichet::web {

// The pages of the portal as every feature builds them: a feature's own template inside the common layout (header
// with the commune, menu, "BESOIN D'AIDE ?" block, footer), the error pages, the message page, redirects that leave
// a message. Errors of routes that answer JSON are JSON objects with a stable code instead. Thread-safe.
class Pages {
  public:
    Pages(const Templates& templates, const Catalogue& catalogue, const StaticAssets& assets,
          const Navigation& navigation, const Router& router, CommuneDirectory& directory,
          std::shared_ptr<spdlog::logger> error_log);

    // Renders templates/<content_template>.mustache ("family/child") with data (plus t, commune, csrf, account),
    // inside the layout, titled with the catalogue text title_key.
    [[nodiscard]] Response page(int status, const RequestContext& context, std::string_view content_template,
                                std::string_view title_key, nlohmann::json data) const;

    // Renders a template on its own (a block of a page, rendered by the feature that owns it), with what page()
    // adds to the data.
    [[nodiscard]] std::string fragment(const RequestContext& context, std::string_view content_template,
                                       nlohmann::json data) const;

    // A page that says one thing ("Votre adresse est confirmée"), with links onwards.
    [[nodiscard]] Response message(const RequestContext& context, std::string_view heading_key,
                                   std::string_view message_key, nlohmann::json links) const;

    // The page (or JSON error) for a status: 404 keeps the commune's header (or lists the communes), the others say
    // what happened; message_key replaces the status's own text.
    [[nodiscard]] Response error(int status, const RequestContext& context, std::string_view message_key = {}) const;

    // A failure of a use case: logged with its detail, answered 503; 404 for not_found (what a forged id gets), 403
    // for forbidden (the use case refused the actor), 429 with the error's own message for throttled.
    [[nodiscard]] Response failure(const RequestContext& context, const core::Error& error) const;

    // A 303 to `location` that leaves a message (catalogue key) for the next page.
    [[nodiscard]] Response redirect_with_flash(RequestContext& context, const std::string& location,
                                               std::string_view flash_key) const;

    // Returns the commune as the templates see it (name, home URL, logo URL, contact block).
    [[nodiscard]] nlohmann::json commune_view(const CommuneEntry& entry) const;

    [[nodiscard]] const Catalogue& catalogue() const { return m_catalogue; }
    [[nodiscard]] std::string text(const RequestContext& context, std::string_view key) const {
        return m_catalogue.text(context.language, key);
    }

    // {"error": {"code": …, "message": …}} for JSON clients.
    [[nodiscard]] static Response json_error(int status, std::string_view code, const std::string& message);

  private:
    [[nodiscard]] nlohmann::json account_view(const RequestContext& context) const;
    [[nodiscard]] nlohmann::json menu(const RequestContext& context) const;
    [[nodiscard]] nlohmann::json language_switch(const RequestContext& context) const;
    // What every template of a page sees besides its own data.
    void add_common(const RequestContext& context, nlohmann::json& data) const;

    const Templates& m_templates;
    const Catalogue& m_catalogue;
    const StaticAssets& m_assets;
    const Navigation& m_navigation;
    const Router& m_router;
    CommuneDirectory& m_directory;
    std::shared_ptr<spdlog::logger> m_error_log;
};

}  // namespace guichet::web
