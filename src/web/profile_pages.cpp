// The signed-in person's pages: home, "Mon compte", "Coordonnées", "Mes données".
#include <nlohmann/json.hpp>

#include "core/instant.h"
#include "core/time_zone.h"
#include "web/application.h"
#include "web/cookies.h"
#include "web/form_view.h"
#include "web/url.h"

namespace guichet::web {
namespace {

constexpr RouteOptions kSignedIn{Access::signed_in, Execution::network_thread};
constexpr RouteOptions kSignedInSlow{Access::signed_in, Execution::worker_pool};
constexpr RouteOptions kParent{Access::parent, Execution::network_thread};
constexpr RouteOptions kParentSlow{Access::parent, Execution::worker_pool};

// "21/06/2019 à 12:06" in the commune's time zone.
std::string local_text(const RequestContext& context, core::Instant instant) {
    const auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    return zone ? zone->to_local(instant).format_fr() : core::to_iso_utc(instant);
}

std::string session_cookie_name(Transport transport) {
    return transport == Transport::https ? "__Host-guichet_session" : "guichet_session";
}

}  // namespace

void Application::add_profile_routes() {
    m_router.add(
        Method::get, "/{commune}/mon-espace", "commune.home", [this](RequestContext& c) { return home(c); }, kParent);
    m_router.add(
        Method::get, "/{commune}/mon-compte", "commune.account",
        [this](RequestContext& c) { return account_page(c, nlohmann::json::object()); }, kSignedIn);
    m_router.add(
        Method::post, "/{commune}/mon-compte/identifiant", "commune.account.username",
        [this](RequestContext& c) { return change_username(c); }, kSignedInSlow);
    m_router.add(
        Method::post, "/{commune}/mon-compte/courriel", "commune.account.email",
        [this](RequestContext& c) { return change_email(c); }, kSignedInSlow);
    m_router.add(
        Method::post, "/{commune}/mon-compte/mot-de-passe", "commune.account.password",
        [this](RequestContext& c) { return change_password(c); }, kSignedInSlow);
    m_router.add(Method::get, "/{commune}/confirmer-courriel", "commune.confirm_new_email",
                 [this](RequestContext& c) { return confirm_new_email_form(c); });
    m_router.add(Method::post, "/{commune}/confirmer-courriel", "commune.confirm_new_email.submit",
                 [this](RequestContext& c) { return confirm_new_email_submit(c); });
    m_router.add(
        Method::get, "/{commune}/coordonnees", "commune.contact", [this](RequestContext& c) { return contact_form(c); },
        kSignedIn);
    m_router.add(
        Method::post, "/{commune}/coordonnees", "commune.contact.submit",
        [this](RequestContext& c) { return contact_submit(c); }, kSignedIn);
    m_router.add(
        Method::get, "/{commune}/mes-donnees", "commune.my_data",
        [this](RequestContext& c) { return my_data(c, nlohmann::json()); }, kParent);
    m_router.add(
        Method::get, "/{commune}/mes-donnees/export", "commune.my_data.export",
        [this](RequestContext& c) { return data_export(c); }, kParent);
    m_router.add(
        Method::post, "/{commune}/mes-donnees/fermeture", "commune.my_data.closure",
        [this](RequestContext& c) { return closure_submit(c); }, kParentSlow);
}

Response Application::home(RequestContext& context) {
    const identity::Account& account = context.signed_in->account;
    nlohmann::json dashboard = nlohmann::json::array({
        {{"href", context.home() + "coordonnees"}, {"label", m_catalogue.text(context.language, "dashboard_contact")}},
        {{"href", context.home() + "mon-compte"}, {"label", m_catalogue.text(context.language, "dashboard_account")}},
        {{"href", context.home() + "mes-donnees"}, {"label", m_catalogue.text(context.language, "dashboard_my_data")}},
    });
    nlohmann::json data = {{"dashboard", std::move(dashboard)}};
    if (account.previous_login_at) {
        data["last_login"] = local_text(context, *account.previous_login_at);
    }
    if (nlohmann::json family = family_summary(context); !family.is_null()) {
        data["family"] = std::move(family);
        data["dashboard"].insert(data["dashboard"].begin(),
                                 nlohmann::json{{"href", context.home() + "ma-famille"},
                                                {"label", m_catalogue.text(context.language, "dashboard_family")}});
    } else {
        data["link_form"] =
            form_view(context.home() + "cle-enfance", nlohmann::json::object(), {}, context.language, m_catalogue);
        if (account.pending_childcare_key == identity::kFailedChildcareKey) {
            // The key typed at sign-up was tried when the address was confirmed, and did not match.
            data["link_error"] = m_catalogue.text(context.language, "err_childcare_key_unknown");
        }
    }
    return page(200, context, "home", "home_title", std::move(data));
}

Response Application::account_page(RequestContext& context, const nlohmann::json& forms) {
    const identity::Account& account = context.signed_in->account;
    const auto form_or_blank = [&](const char* name, const char* path) {
        if (forms.contains(name)) {
            return forms[name];
        }
        return form_view(context.home() + path, nlohmann::json::object(), {}, context.language, m_catalogue,
                         std::string("champ-") + std::string(name).substr(0, std::string(name).find('_')) + "-");
    };
    nlohmann::json data = {
        {"username", account.username},
        {"email", account.email},
        {"username_form", form_or_blank("username_form", "mon-compte/identifiant")},
        {"email_form", form_or_blank("email_form", "mon-compte/courriel")},
        {"password_form", form_or_blank("password_form", "mon-compte/mot-de-passe")},
        {"contact_url", context.home() + "coordonnees"},
        {"my_data_url", context.home() + "mes-donnees"},
    };
    if (auto pending = m_dependencies.identity.credentials.pending_email(account); pending && *pending) {
        data["pending_email"] = **pending;
    }
    const bool has_errors =
        forms.contains("username_form") || forms.contains("email_form") || forms.contains("password_form");
    return page(has_errors ? 422 : 200, context, "account", "account_title", std::move(data));
}

Response Application::change_username(RequestContext& context) {
    identity::FieldErrors errors;
    const std::string wanted = context.form.get("username");
    auto changed = m_dependencies.identity.credentials.change_username(context.signed_in->account,
                                                                       context.form.get("current_password"), wanted,
                                                                       errors, origin(context), mail_context(context));
    if (!changed) {
        return storage_failure(context, changed.error());
    }
    if (!errors.empty()) {
        return account_page(
            context, {{"username_form", form_view(context.home() + "mon-compte/identifiant", {{"username", wanted}},
                                                  errors, context.language, m_catalogue, "champ-username-")}});
    }
    return redirect_with_flash(context, context.home() + "mon-compte", "msg_username_changed");
}

Response Application::change_email(RequestContext& context) {
    identity::FieldErrors errors;
    const std::string wanted = context.form.get("email");
    auto changed = m_dependencies.identity.credentials.change_email(context.signed_in->account,
                                                                    context.form.get("current_password"), wanted,
                                                                    errors, origin(context), mail_context(context));
    if (!changed) {
        return storage_failure(context, changed.error());
    }
    if (!errors.empty()) {
        return account_page(
            context, {{"email_form", form_view(context.home() + "mon-compte/courriel", {{"email", wanted}}, errors,
                                               context.language, m_catalogue, "champ-email-")}});
    }
    return redirect_with_flash(context, context.home() + "mon-compte", "msg_email_change_sent");
}

Response Application::change_password(RequestContext& context) {
    identity::FieldErrors errors;
    auto token = m_dependencies.identity.credentials.change_password(
        context.signed_in->account, context.form.get("current_password"), context.form.get("new_password"), errors,
        origin(context), mail_context(context));
    if (!token) {
        return storage_failure(context, token.error());
    }
    if (!errors.empty()) {
        return account_page(
            context, {{"password_form", form_view(context.home() + "mon-compte/mot-de-passe", nlohmann::json::object(),
                                                  errors, context.language, m_catalogue, "champ-password-")}});
    }
    // Every session ended with the old password; this browser continues with a new one.
    context.cookies.push_back(
        make_set_cookie(session_cookie_name(m_options.transport), *token,
                        {-1, SameSite::lax,
                         m_options.transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
                         CookieScript::http_only}));
    return redirect_with_flash(context, context.home() + "mon-compte", "msg_password_changed");
}

Response Application::confirm_new_email_form(RequestContext& context) {
    ensure_csrf(context);
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto usable = m_dependencies.identity.registration.token_is_usable(context.commune_id(), token,
                                                                       identity::TokenPurpose::email_change);
    if (!usable) {
        return storage_failure(context, usable.error());
    }
    if (!*usable) {
        return page(410, context, "confirm_email", "confirm_new_email_title",
                    {{"invalid", true}, {"email_change", true}, {"resend_url", context.home() + "mon-compte"}});
    }
    return page(200, context, "confirm_email", "confirm_new_email_title",
                {{"action", context.home() + "confirmer-courriel"}, {"token", token}, {"email_change", true}});
}

Response Application::confirm_new_email_submit(RequestContext& context) {
    auto confirmed = m_dependencies.identity.credentials.confirm_email_change(
        context.commune_id(), context.form.get("token"), origin(context), mail_context(context));
    if (!confirmed) {
        if (confirmed.error().code != core::ErrorCode::invalid_input) {
            return storage_failure(context, confirmed.error());
        }
        return page(410, context, "confirm_email", "confirm_new_email_title",
                    {{"invalid", true}, {"email_change", true}, {"resend_url", context.home() + "mon-compte"}});
    }
    return message_page(context, "confirm_new_email_title", "msg_email_changed",
                        nlohmann::json::array({{{"href", context.home() + "mon-compte"},
                                                {"label", m_catalogue.text(context.language, "nav_account")}}}));
}

Response Application::contact_form(RequestContext& context) {
    const identity::Account& account = context.signed_in->account;
    nlohmann::json form =
        form_view(context.home() + "coordonnees", contact_values(account.contact), {}, context.language, m_catalogue);
    form["civility_options"] = civility_options(account.contact.civility, context.language, m_catalogue);
    return page(200, context, "contact", "contact_title",
                {{"form", form}, {"email", account.email}, {"account_url", context.home() + "mon-compte"}});
}

Response Application::contact_submit(RequestContext& context) {
    const identity::ContactDetails contact = contact_from_form(context.form);
    auto errors = m_dependencies.identity.profile.update_contact(context.signed_in->account, contact, origin(context));
    if (!errors) {
        return storage_failure(context, errors.error());
    }
    if (errors->empty()) {
        return redirect_with_flash(context, context.home() + "coordonnees", "msg_contact_saved");
    }
    nlohmann::json form =
        form_view(context.home() + "coordonnees", contact_values(contact), *errors, context.language, m_catalogue);
    form["civility_options"] = civility_options(contact.civility, context.language, m_catalogue);
    return page(
        422, context, "contact", "contact_title",
        {{"form", form}, {"email", context.signed_in->account.email}, {"account_url", context.home() + "mon-compte"}});
}

Response Application::my_data(RequestContext& context, nlohmann::json form) {
    const identity::Account& account = context.signed_in->account;
    nlohmann::json data = {{"export_url", context.home() + "mes-donnees/export"}};
    if (account.closure_requested_at) {
        data["closure_requested"] = local_text(context, *account.closure_requested_at);
    } else {
        data["form"] = form.is_null() ? form_view(context.home() + "mes-donnees/fermeture", nlohmann::json::object(),
                                                  {}, context.language, m_catalogue)
                                      : form;
    }
    return page(form.is_null() ? 200 : 422, context, "my_data", "my_data_title", std::move(data));
}

Response Application::data_export(RequestContext& context) {
    auto exported = m_dependencies.identity.profile.export_data(context.signed_in->account, origin(context));
    if (!exported) {
        return storage_failure(context, exported.error());
    }
    const identity::Account& account = exported->account;
    const auto instant = [](const std::optional<core::Instant>& value) -> nlohmann::json {
        return value ? nlohmann::json(core::to_iso_utc(*value)) : nlohmann::json(nullptr);
    };
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& session : exported->sessions) {
        sessions.push_back({{"started", core::to_iso_utc(session.created_at)},
                            {"last_seen", core::to_iso_utc(session.last_seen_at)},
                            {"ip", session.ip},
                            {"user_agent", session.user_agent}});
    }
    nlohmann::json events = nlohmann::json::array();
    for (const auto& event : exported->events) {
        events.push_back({{"at", core::to_iso_utc(event.at)}, {"kind", event.kind}, {"ip", event.ip}});
    }
    const nlohmann::json document = {
        {"commune", context.commune->commune.name},
        {"exported_at", core::to_iso_utc(m_dependencies.clock.now())},
        {"account",
         {{"username", account.username},
          {"email", account.email},
          {"role", identity::role_name(account.role)},
          {"status", identity::account_status_name(account.status)},
          {"created", core::to_iso_utc(account.created_at)},
          {"last_login", instant(account.last_login_at)},
          {"previous_login", instant(account.previous_login_at)},
          {"closure_requested", instant(account.closure_requested_at)},
          {"childcare_key_entered", !account.pending_childcare_key.empty()}}},
        {"contact",
         {{"civility", identity::civility_name(account.contact.civility)},
          {"last_name", account.contact.last_name},
          {"first_name", account.contact.first_name},
          {"address_line", account.contact.address.line},
          {"address_complement", account.contact.address.complement},
          {"postal_code", account.contact.address.postal_code},
          {"city", account.contact.address.city},
          {"mobile_phone", account.contact.mobile_phone},
          {"landline_phone", account.contact.landline_phone}}},
        {"sessions", sessions},
        {"events", events},
    };
    Response response = Response::json(200, document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    response.headers.set("Content-Disposition", "attachment; filename=\"mes-donnees.json\"");
    return response;
}

Response Application::closure_submit(RequestContext& context) {
    auto errors = m_dependencies.identity.profile.request_closure(
        context.signed_in->account, context.form.get("current_password"), context.form.get("confirm") == "oui",
        origin(context));
    if (!errors) {
        return storage_failure(context, errors.error());
    }
    if (!errors->empty()) {
        return my_data(context, form_view(context.home() + "mes-donnees/fermeture", nlohmann::json::object(), *errors,
                                          context.language, m_catalogue));
    }
    return redirect_with_flash(context, context.home() + "mes-donnees", "msg_closure_requested");
}

}  // namespace guichet::web
