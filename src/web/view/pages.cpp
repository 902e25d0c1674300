#include "web/view/pages.h"

#include "core/text.h"
#include "tenancy/commune.h"
#include "web/request/sessions.h"
#include "web/view/people.h"

namespace guichet::web {
namespace {

struct ErrorText {
    int status;
    std::string_view title_key;
    std::string_view message_key;
    std::string_view code;  // the JSON error code
};

constexpr ErrorText kErrorTexts[] = {
    {400, "error_title", "error_bad_request", "invalid_input"},
    {401, "error_title", "msg_session_expired", "unauthenticated"},
    {403, "error_title", "error_forbidden", "forbidden"},
    {404, "not_found_title", "not_found_title", "not_found"},
    {405, "error_title", "error_method_not_allowed", "method_not_allowed"},
    {413, "error_title", "error_payload_too_large", "too_large"},
    {429, "error_title", "error_too_many_requests", "too_many_requests"},
    {500, "error_title", "error_internal", "internal"},
    {503, "error_title", "error_unavailable", "unavailable"},
};

const ErrorText& error_text(int status) {
    for (const auto& text : kErrorTexts) {
        if (text.status == status) {
            return text;
        }
    }
    return kErrorTexts[7];  // 500
}

}  // namespace

Pages::Pages(const Templates& templates, const Catalogue& catalogue, const StaticAssets& assets,
             const Navigation& navigation, const Router& router, CommuneDirectory& directory,
             std::shared_ptr<spdlog::logger> error_log)
    : m_templates(templates),
      m_catalogue(catalogue),
      m_assets(assets),
      m_navigation(navigation),
      m_router(router),
      m_directory(directory),
      m_error_log(std::move(error_log)) {}

Response Pages::json_error(int status, std::string_view code, const std::string& message) {
    return Response::json(status, nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(
                                      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json Pages::account_view(const RequestContext& context) const {
    const identity::Account& account = context.signed_in->account;
    const bool staff = identity::is_staff(account.role);
    const SiteLinks& links = m_navigation.links();
    return {{"display_name",
             display_name(std::string(identity::civility_name(account.contact.civility)), account.contact.first_name,
                          account.contact.last_name, context.language, m_catalogue)},
            {"is_agent", staff},
            {"is_admin", account.role == identity::Role::admin},
            {"home", context.url(staff ? links.staff_home
                                 : account.role == identity::Role::site_staff && !links.site_staff_home.empty()
                                     ? links.site_staff_home
                                     : links.parent_home)},
            {"logout_action", context.url(links.logout)}};
}

nlohmann::json Pages::menu(const RequestContext& context) const {
    nlohmann::json items = nlohmann::json::array();
    const identity::Account& account = context.signed_in->account;
    for (const MenuEntry& entry : m_navigation.menu()) {
        if (account.role == identity::Role::site_staff) {
            if (entry.audience != Audience::signed_in && entry.audience != Audience::roll_takers) {
                continue;
            }
        } else if (!in_audience(entry.audience, identity::is_staff(account.role),
                                account.role == identity::Role::admin)) {
            continue;
        }
        const std::string href = context.url(entry.route);
        items.push_back({{"href", href},
                         {"label", m_catalogue.text(context.language, entry.label_key)},
                         {"current", context.request.path == href}});
    }
    return items;
}

nlohmann::json Pages::commune_view(const CommuneEntry& entry) const {
    const tenancy::Commune& commune = entry.commune;
    const UrlParams here = {{"commune", commune.slug}};
    const Router* router = &m_router;
    const std::string home = router->url_for(m_navigation.links().landing, here);
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
        {"accessibility_url", router->url_for(m_navigation.links().accessibility, here)},
        {"contact", std::move(contact)},
    };
    if (!entry.logo_version.empty()) {
        view["logo"] = router->url_for(m_navigation.links().logo, here, {{"v", entry.logo_version}});
    }
    return view;
}

nlohmann::json Pages::language_switch(const RequestContext& context) const {
    const Language other = context.language == Language::fr ? Language::en : Language::fr;
    return {{"href", context.request.path + "?lang=" + std::string(language_code(other))},
            {"label", m_catalogue.text(other, "language_name")},
            {"hreflang", std::string(language_code(other))}};
}

void Pages::add_common(const RequestContext& context, nlohmann::json& data) const {
    if (!context.csrf_token.empty()) {
        data["csrf"] = context.csrf_token;
    }
    if (context.signed_in) {
        data["account"] = account_view(context);
    }
    if (context.commune) {
        data["commune"] = commune_view(*context.commune);
    }
}

std::string Pages::fragment(const RequestContext& context, std::string_view content_template,
                            nlohmann::json data) const {
    add_common(context, data);
    return m_templates.render(content_template, data, m_catalogue.messages(context.language));
}

Response Pages::page(int status, const RequestContext& context, std::string_view content_template,
                     std::string_view title_key, nlohmann::json data) const {
    const nlohmann::json& messages = m_catalogue.messages(context.language);
    add_common(context, data);
    nlohmann::json layout = {
        {"lang", std::string(language_code(context.language))},
        {"assets",
         {{"css", m_assets.url_for("css/app.css")},
          {"js", m_assets.url_for("js/app.js")},
          {"logo", m_assets.url_for("img/logo.svg")},
          {"favicon", m_assets.url_for("img/favicon.svg")}}},
        {"nav", nlohmann::json::array()},
        {"lang_switch", language_switch(context)},
        // The layout appends the commune and site names to the title.
        {"title", m_catalogue.text(context.language, title_key)},
    };
    // noscript_refresh_seconds: a page that follows work in progress reloads itself when JavaScript is off.
    for (const char* shared : {"csrf", "account", "commune", "noscript_refresh_seconds"}) {
        if (data.contains(shared)) {
            layout[shared] = data[shared];
        }
    }
    if (context.signed_in) {
        layout["nav"] = menu(context);
    } else if (context.commune) {
        layout["login_url"] = context.url(m_navigation.links().login);
    }
    if (!context.flash_key.empty()) {
        layout["flash"] = {
            {"message", m_catalogue.text(context.language, context.flash_key)},
            {"success", context.flash_key != "msg_session_expired" && context.flash_key.rfind("err_", 0) != 0}};
    }
    layout["content"] = m_templates.render(content_template, data, messages);
    return Response::html(status, m_templates.render("common/layout", layout, messages));
}

Response Pages::message(const RequestContext& context, std::string_view heading_key, std::string_view message_key,
                        nlohmann::json links) const {
    nlohmann::json data = {{"heading", m_catalogue.text(context.language, heading_key)},
                           {"message", m_catalogue.text(context.language, message_key)}};
    if (!links.empty()) {
        data["links"] = std::move(links);
    }
    return page(200, context, "common/message", heading_key, std::move(data));
}

Response Pages::error(int status, const RequestContext& context, std::string_view message_key) const {
    const ErrorText& text = error_text(status);
    if (context.wants_json()) {
        return json_error(status, text.code,
                          m_catalogue.text(context.language, message_key.empty() ? text.message_key : message_key));
    }
    if (status == 404) {
        nlohmann::json data = nlohmann::json::object();
        if (!context.commune) {
            nlohmann::json communes = nlohmann::json::array();
            if (auto all = m_directory.list()) {
                for (const auto& known : *all) {
                    communes.push_back(
                        {{"href", context.router->url_for(m_navigation.links().landing, {{"commune", known.slug}})},
                         {"name", known.name}});
                }
            }
            data["communes"] = std::move(communes);
        }
        return page(404, context, "common/not_found", "not_found_title", std::move(data));
    }
    const std::string_view shown = message_key.empty() ? text.message_key : message_key;
    nlohmann::json data = {{"heading", m_catalogue.text(context.language, text.title_key)},
                           {"message", m_catalogue.text(context.language, shown)}};
    return page(status, context, "common/error", text.title_key, std::move(data));
}

Response Pages::failure(const RequestContext& context, const core::Error& error) const {
    if (error.code == core::ErrorCode::not_found) {
        return this->error(404, context);
    }
    if (error.code == core::ErrorCode::forbidden) {
        return this->error(403, context);  // a use case refused the actor: the route's policy let him through
    }
    if (error.code == core::ErrorCode::throttled) {
        Response response = this->error(429, context, error.key);
        response.headers.set("Retry-After", "3600");
        return response;
    }
    m_error_log->error(nlohmann::json{{"event", "storage_failed"},
                                      {"route", context.route != nullptr ? context.route->name() : "unmatched"},
                                      {"error", core::describe(error)}}
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return this->error(503, context);
}

Response Pages::redirect_with_flash(RequestContext& context, const std::string& location,
                                    std::string_view flash_key) const {
    context.sessions->flash(context, flash_key);
    return Response::redirect(303, location);
}

}  // namespace guichet::web
