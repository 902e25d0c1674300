// The signed-in person's pages: home, "Mon compte", "Coordonnées", "Mes données".
#include "web/identity/profile_pages.h"

#include <nlohmann/json.hpp>

#include "core/instant.h"
#include "web/http/url.h"
#include "web/view/form_view.h"

namespace guichet::web {

void ProfilePages::add_routes(Installation& site) {
    site.navigation.links().parent_home = "profile.home";
    const auto add = [&site](Method method, const char* path, const char* name, Policy policy, Handler handler) {
        site.routes.add(commune_route(method, path, name, std::move(policy), std::move(handler)));
    };
    // Checking the current password is slow on purpose: those handlers run on the worker pool.
    const auto add_slow = [&site](Method method, const char* path, const char* name, Policy policy, Handler handler) {
        site.routes.add(on_worker_pool(commune_route(method, path, name, std::move(policy), std::move(handler))));
    };
    add(Method::get, "/{commune}/mon-espace", "profile.home", Policy::parent(),
        [this](RequestContext& c) { return home(c); });
    add(Method::get, "/{commune}/mon-compte", "profile.account", Policy::signed_in(),
        [this](RequestContext& c) { return account_page(c, nlohmann::json::object()); });
    add_slow(Method::post, "/{commune}/mon-compte/identifiant", "profile.account.username", Policy::signed_in(),
             [this](RequestContext& c) { return change_username(c); });
    add_slow(Method::post, "/{commune}/mon-compte/courriel", "profile.account.email", Policy::signed_in(),
             [this](RequestContext& c) { return change_email(c); });
    add_slow(Method::post, "/{commune}/mon-compte/mot-de-passe", "profile.account.password", Policy::signed_in(),
             [this](RequestContext& c) { return change_password(c); });
    add(Method::get, "/{commune}/confirmer-courriel", "profile.confirm_new_email", Policy::anyone(),
        [this](RequestContext& c) { return confirm_new_email_form(c); });
    add(Method::post, "/{commune}/confirmer-courriel", "profile.confirm_new_email.submit", Policy::anyone(),
        [this](RequestContext& c) { return confirm_new_email_submit(c); });
    add(Method::get, "/{commune}/coordonnees", "profile.contact", Policy::signed_in(),
        [this](RequestContext& c) { return contact_form(c); });
    add(Method::post, "/{commune}/coordonnees", "profile.contact.submit", Policy::signed_in(),
        [this](RequestContext& c) { return contact_submit(c); });
    add(Method::get, "/{commune}/mes-donnees", "profile.my_data", Policy::parent(),
        [this](RequestContext& c) { return my_data(c, nlohmann::json()); });
    add(Method::get, "/{commune}/mes-donnees/export", "profile.my_data.export", Policy::parent(),
        [this](RequestContext& c) { return data_export(c); });
    add_slow(Method::post, "/{commune}/mes-donnees/fermeture", "profile.my_data.closure", Policy::parent(),
             [this](RequestContext& c) { return closure_submit(c); });

    site.navigation.add(MenuEntry{10, "profile.home", "nav_home", Audience::parent});
    site.navigation.add(MenuEntry{80, "profile.account", "nav_account", Audience::signed_in});
    site.navigation.add(MenuEntry{90, "profile.contact", "nav_contact", Audience::parent});
    site.navigation.add(MenuEntry{100, "profile.my_data", "nav_my_data", Audience::parent});
    site.navigation.add(DashboardTile{20, "profile.contact", "dashboard_contact"});
    site.navigation.add(DashboardTile{30, "profile.account", "dashboard_account"});
    site.navigation.add(DashboardTile{40, "profile.my_data", "dashboard_my_data"});
    site.mails.add({"email_change", "identity", "profile.confirm_new_email", "validity_24_hours"});
    site.mails.add({"credential_changed", "identity", "", ""});
    site.mails.add({"account_closed", "identity", "", ""});
}

Response ProfilePages::home(RequestContext& context) {
    return m_kit.dashboard.render(context, 200, nlohmann::json::object());
}

Response ProfilePages::account_page(RequestContext& context, const nlohmann::json& forms) {
    const identity::Account& account = context.signed_in->account;
    const auto form_or_blank = [&](const char* name, const char* route) {
        if (forms.contains(name)) {
            return forms[name];
        }
        return form_view(context.url(route), nlohmann::json::object(), {}, context.language, m_catalogue,
                         std::string("champ-") + std::string(name).substr(0, std::string(name).find('_')) + "-");
    };
    nlohmann::json data = {
        {"username", account.username},
        {"email", account.email},
        {"username_form", form_or_blank("username_form", "profile.account.username")},
        {"email_form", form_or_blank("email_form", "profile.account.email")},
        {"password_form", form_or_blank("password_form", "profile.account.password")},
        {"contact_url", context.url("profile.contact")},
        {"my_data_url", context.url("profile.my_data")},
    };
    if (auto pending = m_identity.credentials.pending_email(account); pending && *pending) {
        data["pending_email"] = **pending;
    }
    // The sections other features add to the page (reminders and the calendar feed).
    nlohmann::json panels = nlohmann::json::array();
    for (const AccountPanel& panel : m_kit.navigation.account_panels()) {
        auto html = panel.provide(context);
        if (!html) {
            return storage_failure(context, html.error());
        }
        if (!html->empty()) {
            panels.push_back({{"html", std::move(*html)}});
        }
    }
    data["panels"] = std::move(panels);
    const bool has_errors =
        forms.contains("username_form") || forms.contains("email_form") || forms.contains("password_form");
    return page(has_errors ? 422 : 200, context, "identity/account", "account_title", std::move(data));
}

Response ProfilePages::change_username(RequestContext& context) {
    identity::FieldErrors errors;
    const std::string wanted = context.form.get("username");
    auto changed =
        m_identity.credentials.change_username(context.signed_in->account, context.form.get("current_password"), wanted,
                                               errors, context.origin(), context.mail());
    if (!changed) {
        return storage_failure(context, changed.error());
    }
    if (!errors.empty()) {
        return account_page(
            context, {{"username_form", form_view(context.url("profile.account.username"), {{"username", wanted}},
                                                  errors, context.language, m_catalogue, "champ-username-")}});
    }
    return redirect_with_flash(context, context.url("profile.account"), "msg_username_changed");
}

Response ProfilePages::change_email(RequestContext& context) {
    identity::FieldErrors errors;
    const std::string wanted = context.form.get("email");
    auto changed = m_identity.credentials.change_email(context.signed_in->account, context.form.get("current_password"),
                                                       wanted, errors, context.origin(), context.mail());
    if (!changed) {
        return storage_failure(context, changed.error());
    }
    if (!errors.empty()) {
        return account_page(context,
                            {{"email_form", form_view(context.url("profile.account.email"), {{"email", wanted}}, errors,
                                                      context.language, m_catalogue, "champ-email-")}});
    }
    return redirect_with_flash(context, context.url("profile.account"), "msg_email_change_sent");
}

Response ProfilePages::change_password(RequestContext& context) {
    identity::FieldErrors errors;
    auto token = m_identity.credentials.change_password(
        context.signed_in->account, context.form.get("current_password"), context.form.get("new_password"), errors,
        context.origin(), context.mail());
    if (!token) {
        return storage_failure(context, token.error());
    }
    if (!errors.empty()) {
        return account_page(
            context, {{"password_form", form_view(context.url("profile.account.password"), nlohmann::json::object(),
                                                  errors, context.language, m_catalogue, "champ-password-")}});
    }
    // Every session ended with the old password; this browser continues with a new one.
    m_kit.sessions.start(context, *token);
    return redirect_with_flash(context, context.url("profile.account"), "msg_password_changed");
}

Response ProfilePages::confirm_new_email_form(RequestContext& context) {
    context.ensure_csrf();
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto usable =
        m_identity.registration.token_is_usable(context.commune_id(), token, identity::TokenPurpose::email_change);
    if (!usable) {
        return storage_failure(context, usable.error());
    }
    if (!*usable) {
        return page(410, context, "identity/confirm_email", "confirm_new_email_title",
                    {{"invalid", true}, {"email_change", true}, {"resend_url", context.url("profile.account")}});
    }
    return page(200, context, "identity/confirm_email", "confirm_new_email_title",
                {{"action", context.url("profile.confirm_new_email")}, {"token", token}, {"email_change", true}});
}

Response ProfilePages::confirm_new_email_submit(RequestContext& context) {
    auto confirmed = m_identity.credentials.confirm_email_change(context.commune_id(), context.form.get("token"),
                                                                 context.origin(), context.mail());
    if (!confirmed) {
        if (confirmed.error().code != core::ErrorCode::invalid_input) {
            return storage_failure(context, confirmed.error());
        }
        return page(410, context, "identity/confirm_email", "confirm_new_email_title",
                    {{"invalid", true}, {"email_change", true}, {"resend_url", context.url("profile.account")}});
    }
    return message_page(context, "confirm_new_email_title", "msg_email_changed",
                        nlohmann::json::array({{{"href", context.url("profile.account")},
                                                {"label", m_catalogue.text(context.language, "nav_account")}}}));
}

Response ProfilePages::contact_form(RequestContext& context) {
    const identity::Account& account = context.signed_in->account;
    nlohmann::json form =
        form_view(context.url("profile.contact"), contact_values(account.contact), {}, context.language, m_catalogue);
    form["civility_options"] = civility_options(account.contact.civility, context.language, m_catalogue);
    return page(200, context, "identity/contact", "contact_title",
                {{"form", form}, {"email", account.email}, {"account_url", context.url("profile.account")}});
}

Response ProfilePages::contact_submit(RequestContext& context) {
    const identity::ContactDetails contact = contact_from_form(context.form);
    auto errors = m_identity.profile.update_contact(context.signed_in->account, contact, context.origin());
    if (!errors) {
        return storage_failure(context, errors.error());
    }
    if (errors->empty()) {
        return redirect_with_flash(context, context.url("profile.contact"), "msg_contact_saved");
    }
    nlohmann::json form =
        form_view(context.url("profile.contact"), contact_values(contact), *errors, context.language, m_catalogue);
    form["civility_options"] = civility_options(contact.civility, context.language, m_catalogue);
    return page(
        422, context, "identity/contact", "contact_title",
        {{"form", form}, {"email", context.signed_in->account.email}, {"account_url", context.url("profile.account")}});
}

Response ProfilePages::my_data(RequestContext& context, nlohmann::json form) {
    const identity::Account& account = context.signed_in->account;
    nlohmann::json data = {{"export_url", context.url("profile.my_data.export")}};
    if (account.closure_requested_at) {
        data["closure_requested"] = context.local_text(*account.closure_requested_at);
    } else {
        data["form"] = form.is_null() ? form_view(context.url("profile.my_data.closure"), nlohmann::json::object(), {},
                                                  context.language, m_catalogue)
                                      : form;
    }
    return page(form.is_null() ? 200 : 422, context, "identity/my_data", "my_data_title", std::move(data));
}

Response ProfilePages::data_export(RequestContext& context) {
    auto exported = m_identity.profile.export_data(context.signed_in->account, context.origin());
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
        {"exported_at", core::to_iso_utc(m_kit.clock.now())},
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

Response ProfilePages::closure_submit(RequestContext& context) {
    auto errors = m_identity.profile.request_closure(context.signed_in->account, context.form.get("current_password"),
                                                     context.form.get("confirm") == "oui", context.origin());
    if (!errors) {
        return storage_failure(context, errors.error());
    }
    if (!errors->empty()) {
        return my_data(context, form_view(context.url("profile.my_data.closure"), nlohmann::json::object(), *errors,
                                          context.language, m_catalogue));
    }
    return redirect_with_flash(context, context.url("profile.my_data"), "msg_closure_requested");
}

}  // namespace guichet::web
