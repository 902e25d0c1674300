#include "web/page_renderer.h"

#include "tenancy/commune.h"

namespace guichet::web {

nlohmann::json PageRenderer::commune_view(const CommuneEntry& entry) const {
    const tenancy::Commune& commune = entry.commune;
    const std::string home = "/" + commune.slug + "/";
    // Mustache treats "" as true in a section: optional values are left out rather than empty.
    nlohmann::json contact = {{"address", commune.contact.address}, {"postal", commune.contact.postal}};
    const auto set_if_present = [&contact](const char* key, const std::string& value) {
        if (!value.empty()) {
            contact[key] = value;
        }
    };
    set_if_present("service", commune.contact.service);
    set_if_present("phone", commune.contact.phone);
    set_if_present("phone_uri", tenancy::phone_uri(commune.contact.phone));
    set_if_present("email", commune.contact.email);
    set_if_present("hours", commune.contact.opening_hours);
    nlohmann::json view = {
        {"name", commune.name},
        {"slug", commune.slug},
        {"home", home},
        {"accessibility_url", home + "accessibilite"},
        {"contact", std::move(contact)},
    };
    if (!entry.logo_version.empty()) {
        view["logo"] = home + "logo?v=" + entry.logo_version;
    }
    return view;
}

nlohmann::json PageRenderer::language_switch(const RequestContext& context) const {
    const Language other = context.language == Language::fr ? Language::en : Language::fr;
    return {{"href", context.request.path + "?lang=" + std::string(language_code(other))},
            {"label", m_catalogue.text(other, "language_name")},
            {"hreflang", std::string(language_code(other))}};
}

Response PageRenderer::page(int status, const RequestContext& context, const CommuneEntry* commune,
                            std::string_view content_template, std::string_view title_key, nlohmann::json data) const {
    const nlohmann::json& messages = m_catalogue.messages(context.language);
    // The layout appends the commune and site names to the title.
    const std::string title = m_catalogue.text(context.language, title_key);
    nlohmann::json layout = {
        {"lang", std::string(language_code(context.language))},
        {"assets",
         {{"css", m_assets.url_for("css/app.css")},
          {"js", m_assets.url_for("js/app.js")},
          {"logo", m_assets.url_for("img/logo.svg")},
          {"favicon", m_assets.url_for("img/favicon.svg")}}},
        {"nav", nlohmann::json::array()},
        {"lang_switch", language_switch(context)},
    };
    if (commune != nullptr) {
        nlohmann::json view = commune_view(*commune);
        data["commune"] = view;
        layout["commune"] = std::move(view);
    }
    layout["title"] = title;
    layout["content"] = m_templates.render(content_template, data, messages);
    return Response::html(status, m_templates.render("layout", layout, messages));
}

}  // namespace guichet::web
