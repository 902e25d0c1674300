#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.h"
#include "identity/identity_context.h"
#include "web/request/request_context.h"
#include "web/view/kit.h"

namespace guichet::web {

// The helpers every feature's page class uses, over the Kit it was built with: a page in the layout, the message and
// error pages, a storage failure, a redirect that leaves a message. Page classes derive from it.
class FeaturePages {
  protected:
    explicit FeaturePages(const Kit& kit) : m_kit(kit), m_catalogue(kit.pages.catalogue()) {}

    [[nodiscard]] Response page(int status, RequestContext& context, std::string_view content_template,
                                std::string_view title_key, nlohmann::json data) const {
        return m_kit.pages.page(status, context, content_template, title_key, std::move(data));
    }
    [[nodiscard]] Response message_page(RequestContext& context, std::string_view heading_key,
                                        std::string_view message_key, nlohmann::json links) const {
        return m_kit.pages.message(context, heading_key, message_key, std::move(links));
    }
    [[nodiscard]] Response error_page(int status, RequestContext& context, std::string_view message_key = {}) const {
        return m_kit.pages.error(status, context, message_key);
    }
    [[nodiscard]] Response storage_failure(RequestContext& context, const core::Error& error) const {
        return m_kit.pages.failure(context, error);
    }
    [[nodiscard]] Response redirect_with_flash(RequestContext& context, const std::string& location,
                                               std::string_view flash_key) const {
        return m_kit.pages.redirect_with_flash(context, location, flash_key);
    }
    // A link of the page: {"href", …, "label", the catalogue text}.
    [[nodiscard]] nlohmann::json link(RequestContext& context, std::string_view route,
                                      std::string_view label_key) const {
        return {{"href", context.url(route)}, {"label", m_catalogue.text(context.language, label_key)}};
    }

    const Kit& m_kit;
    const Catalogue& m_catalogue;
};

}  // namespace guichet::web
