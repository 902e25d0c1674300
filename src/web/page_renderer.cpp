#include "web/page_renderer.h"

#include "core/text.h"
#include "tenancy/commune.h"

namespace guichet::web {

std::string person_name(const std::string& first_name, const std::string& last_name) {
    return first_name + " " + core::uppercase_fr(last_name);
}

std::string display_name(const std::string& civility, const std::string& first_name, const std::string& last_name,
                         Language language, const Catalogue& catalogue) {
    const std::string surname = core::uppercase_fr(last_name);
    if (civility == "madame" || civility == "monsieur") {
        return catalogue.text(language, "civility_" + civility) + " " + surname;
    }
    return first_name.empty() ? surname : first_name + " " + surname;
}

nlohmann::json PageRenderer::account_view(const RequestContext& context) const {
    const identity::Account& account = context.signed_in->account;
    const bool staff = identity::is_staff(account.role);
    return {{"display_name",
             display_name(std::string(identity::civility_name(account.contact.civility)), account.contact.first_name,
                          account.contact.last_name, context.language, m_catalogue)},
            {"is_agent", staff},
            {"is_admin", account.role == identity::Role::admin},
            {"home", context.home() + (staff ? "agents/" : "mon-espace")},
            {"logout_action", context.home() + "deconnexion"}};
}

nlohmann::json PageRenderer::navigation(const RequestContext& context) const {
    struct Item {
        const char* path;
        const char* label;
        bool staff_only;
        bool parent_only;
        bool admin_only;
    };
    static constexpr Item kItems[] = {
        {"mon-espace", "nav_home", false, true, false},
        {"ma-famille", "nav_family", false, true, false},
        {"agents/", "nav_agents_home", true, false, false},
        {"agents/familles", "nav_agents_families", true, false, false},
        {"agents/comptes", "nav_agents_accounts", true, false, false},
        {"agents/courriels", "nav_agents_mails", true, false, true},
        {"agents/fermetures", "nav_agents_closures", true, false, false},
        {"mon-compte", "nav_account", false, false, false},
        {"coordonnees", "nav_contact", false, true, false},
        {"mes-donnees", "nav_my_data", false, true, false},
    };
    nlohmann::json items = nlohmann::json::array();
    const identity::Account& account = context.signed_in->account;
    const bool staff = identity::is_staff(account.role);
    for (const Item& item : kItems) {
        if ((item.staff_only && !staff) || (item.parent_only && staff) ||
            (item.admin_only && account.role != identity::Role::admin)) {
            continue;
        }
        const std::string href = context.home() + item.path;
        items.push_back({{"href", href},
                         {"label", m_catalogue.text(context.language, item.label)},
                         {"current", context.request.path == href}});
    }
    return items;
}

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
    if (!context.csrf_token.empty()) {
        data["csrf"] = context.csrf_token;
        layout["csrf"] = context.csrf_token;
    }
    if (context.signed_in) {
        nlohmann::json account = account_view(context);
        data["account"] = account;
        layout["account"] = std::move(account);
        layout["nav"] = navigation(context);
    }
    if (!context.flash_key.empty()) {
        layout["flash"] = {{"message", m_catalogue.text(context.language, context.flash_key)},
                           {"success", context.flash_key != "msg_session_expired"}};
    }
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
