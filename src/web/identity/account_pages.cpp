// "Créer mon espace", the confirmation link, sign-in and sign-out, forgotten passwords and invitation links.
#include "web/identity/account_pages.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "web/http/url.h"
#include "web/view/form_view.h"

namespace guichet::web {
namespace {

// Where to go after signing in: the page asked for, when it is a page of this commune, or the account's home.
std::string landing_after_login(const RequestContext& context, const identity::Account& account) {
    const std::string asked = query_value(context.request.query, "retour").value_or("");
    const bool printable = std::all_of(asked.begin(), asked.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte != 0x7F;
    });
    const std::string home = context.url("portal.landing");
    const bool safe = printable && asked.rfind(home, 0) == 0 && asked.find("//") == std::string::npos &&
                      asked.find('\\') == std::string::npos && asked.find("deconnexion") == std::string::npos;
    if (safe) {
        return asked;
    }
    return context.url(identity::is_staff(account.role) ? "staff.home" : "profile.home");
}

// The sign-in form's action keeps the page asked for (?retour=…).
std::string login_action(const RequestContext& context) {
    if (const auto back = query_value(context.request.query, "retour")) {
        return context.url("account.login", {}, {{"retour", *back}});
    }
    return context.url("account.login");
}

}  // namespace

void AccountPages::add_routes(Installation& site) {
    SiteLinks& links = site.navigation.links();
    links.login = "account.login";
    links.signup = "account.signup";
    links.logout = "account.logout";
    links.forgot = "account.forgot";
    const auto add = [&site](Method method, const char* path, const char* name, Handler handler) {
        site.routes.add(commune_route(method, path, name, Policy::anyone(), std::move(handler)));
    };
    // Hashing a password is slow on purpose: those handlers run on the worker pool.
    const auto add_slow = [&site](Method method, const char* path, const char* name, Handler handler) {
        site.routes.add(on_worker_pool(commune_route(method, path, name, Policy::anyone(), std::move(handler))));
    };
    add(Method::get, "/{commune}/creer-mon-espace", "account.signup",
        [this](RequestContext& c) { return signup_form(c); });
    add_slow(Method::post, "/{commune}/creer-mon-espace", "account.signup.submit",
             [this](RequestContext& c) { return signup_submit(c); });
    add(Method::get, "/{commune}/confirmer-mon-adresse", "account.confirm_email",
        [this](RequestContext& c) { return confirm_email_form(c); });
    add(Method::post, "/{commune}/confirmer-mon-adresse", "account.confirm_email.submit",
        [this](RequestContext& c) { return confirm_email_submit(c); });
    add(Method::get, "/{commune}/renvoyer-confirmation", "account.resend",
        [this](RequestContext& c) { return resend_form(c); });
    add(Method::post, "/{commune}/renvoyer-confirmation", "account.resend.submit",
        [this](RequestContext& c) { return resend_submit(c); });
    add(Method::get, "/{commune}/connexion", "account.login", [this](RequestContext& c) { return login_form(c); });
    add_slow(Method::post, "/{commune}/connexion", "account.login.submit",
             [this](RequestContext& c) { return login_submit(c); });
    add(Method::post, "/{commune}/deconnexion", "account.logout", [this](RequestContext& c) { return logout(c); });
    add(Method::get, "/{commune}/mot-de-passe-oublie", "account.forgot",
        [this](RequestContext& c) { return forgot_form(c); });
    add(Method::post, "/{commune}/mot-de-passe-oublie", "account.forgot.submit",
        [this](RequestContext& c) { return forgot_submit(c); });
    add(Method::get, "/{commune}/nouveau-mot-de-passe", "account.reset",
        [this](RequestContext& c) { return reset_form(c, identity::TokenPurpose::password_reset); });
    add_slow(Method::post, "/{commune}/nouveau-mot-de-passe", "account.reset.submit",
             [this](RequestContext& c) { return reset_submit(c, identity::TokenPurpose::password_reset); });
    add(Method::get, "/{commune}/definir-mot-de-passe", "account.set_password",
        [this](RequestContext& c) { return reset_form(c, identity::TokenPurpose::set_password); });
    add_slow(Method::post, "/{commune}/definir-mot-de-passe", "account.set_password.submit",
             [this](RequestContext& c) { return reset_submit(c, identity::TokenPurpose::set_password); });
    site.mails.add({"confirm_email", "identity", "account.confirm_email", "validity_24_hours"});
    site.mails.add({"password_reset", "identity", "account.reset", "validity_30_minutes"});
    site.mails.add({"agent_invitation", "identity", "account.set_password", "validity_7_days"});
    site.mails.add({"already_registered", "identity", "", ""});
}

Response AccountPages::signup_form(RequestContext& context) {
    context.ensure_csrf();
    nlohmann::json form =
        form_view(context.url("account.signup"), nlohmann::json::object(), {}, context.language, m_catalogue);
    form["civility_options"] = civility_options(identity::Civility::unspecified, context.language, m_catalogue);
    return page(200, context, "identity/signup", "signup_title",
                {{"form", form}, {"login_url", context.url("account.login")}});
}

Response AccountPages::signup_submit(RequestContext& context) {
    identity::SignupForm input;
    input.contact = contact_from_form(context.form);
    input.email = core::trim(context.form.get("email"));
    input.username = core::trim(context.form.get("username"));
    input.password = context.form.get("password");
    input.childcare_key = core::trim(context.form.get("childcare_key"));
    identity::FieldErrors errors = identity::validate_signup(input, m_identity.credentials.policy());
    if (errors.empty()) {
        auto stored = m_identity.registration.sign_up(context.commune_id(), input, context.origin(), context.mail());
        if (!stored) {
            return storage_failure(context, stored.error());
        }
        errors = std::move(*stored);
    }
    if (errors.empty()) {
        return page(200, context, "identity/signup_done", "signup_done_title",
                    {{"email", input.email}, {"resend_url", context.url("account.resend")}});
    }
    nlohmann::json values = contact_values(input.contact);
    values["email"] = input.email;
    values["username"] = input.username;
    values["childcare_key"] = input.childcare_key;
    nlohmann::json form =
        form_view(context.url("account.signup"), std::move(values), errors, context.language, m_catalogue);
    form["civility_options"] = civility_options(input.contact.civility, context.language, m_catalogue);
    return page(422, context, "identity/signup", "signup_title",
                {{"form", form}, {"login_url", context.url("account.login")}});
}

Response AccountPages::confirm_email_form(RequestContext& context) {
    context.ensure_csrf();
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto usable =
        m_identity.registration.token_is_usable(context.commune_id(), token, identity::TokenPurpose::confirm_email);
    if (!usable) {
        return storage_failure(context, usable.error());
    }
    if (!*usable) {
        return page(410, context, "identity/confirm_email", "confirm_email_title",
                    {{"invalid", true}, {"resend_url", context.url("account.resend")}});
    }
    return page(200, context, "identity/confirm_email", "confirm_email_title",
                {{"action", context.url("account.confirm_email")}, {"token", token}});
}

Response AccountPages::confirm_email_submit(RequestContext& context) {
    // Confirms the address and links the clé enfance typed at sign-up, in one transaction.
    auto confirmed = m_family.confirm_email_and_link(context.commune_id(), context.form.get("token"), context.origin());
    if (!confirmed) {
        if (confirmed.error().code != core::ErrorCode::invalid_input) {
            return storage_failure(context, confirmed.error());
        }
        return page(410, context, "identity/confirm_email", "confirm_email_title",
                    {{"invalid", true}, {"resend_url", context.url("account.resend")}});
    }
    return message_page(context, "confirm_email_title", "msg_email_confirmed",
                        nlohmann::json::array({{{"href", context.url("account.login")},
                                                {"label", m_catalogue.text(context.language, "cta_login")}}}));
}

Response AccountPages::resend_form(RequestContext& context) {
    context.ensure_csrf();
    return page(200, context, "identity/resend_confirmation", "resend_title",
                {{"form", form_view(context.url("account.resend"), nlohmann::json::object(), {}, context.language,
                                    m_catalogue)}});
}

Response AccountPages::resend_submit(RequestContext& context) {
    const std::string email = core::trim(context.form.get("email"));
    if (auto problem = identity::check_email(email)) {
        context.ensure_csrf();
        return page(422, context, "identity/resend_confirmation", "resend_title",
                    {{"form", form_view(context.url("account.resend"), {{"email", email}}, {{"email", *problem}},
                                        context.language, m_catalogue)}});
    }
    auto sent =
        m_identity.registration.resend_confirmation(context.commune_id(), email, context.origin(), context.mail());
    if (!sent) {
        return storage_failure(context, sent.error());
    }
    return message_page(context, "resend_title", "msg_resend_sent", nlohmann::json::array());
}

Response AccountPages::login_form(RequestContext& context) {
    context.ensure_csrf();
    const std::string action = login_action(context);
    return page(200, context, "identity/login", "login_title",
                {{"form", form_view(action, nlohmann::json::object(), {}, context.language, m_catalogue)},
                 {"forgot_url", context.url("account.forgot")},
                 {"signup_url", context.url("account.signup")},
                 {"resend_url", context.url("account.resend")}});
}

Response AccountPages::login_submit(RequestContext& context) {
    const std::string login = core::trim(context.form.get("login"));
    const std::string password = context.form.get("password");
    auto result = m_identity.authentication.login(context.commune_id(), login, password, context.origin(),
                                                  context.session_token, m_kit.sessions.device_cookie(context));
    if (result) {
        m_kit.sessions.start(context, result->session_token);
        m_kit.sessions.remember_device(context, result->device_cookie);
        return Response::redirect(303, landing_after_login(context, result->account));
    }
    int status = 401;
    std::string key = "err_login_failed";
    switch (result.error()) {
        case identity::LoginFailure::bad_credentials:
            break;
        case identity::LoginFailure::throttled:
            status = 429;
            key = "err_login_throttled";
            break;
        case identity::LoginFailure::unavailable:
            return error_page(503, context);
    }
    context.ensure_csrf();
    const std::string action = login_action(context);
    Response response =
        page(status, context, "identity/login", "login_title",
             {{"form", form_view(action, {{"login", login}}, {{"login", key}}, context.language, m_catalogue)},
              {"forgot_url", context.url("account.forgot")},
              {"signup_url", context.url("account.signup")},
              {"resend_url", context.url("account.resend")}});
    if (status == 429) {
        response.headers.set("Retry-After", "60");
    }
    return response;
}

Response AccountPages::logout(RequestContext& context) {
    if (!context.session_token.empty()) {
        auto ended = m_identity.authentication.logout(context.commune_id(), context.session_token, context.origin());
        if (!ended) {
            return storage_failure(context, ended.error());
        }
    }
    m_kit.sessions.end(context);
    return redirect_with_flash(context, context.url("portal.landing"), "msg_logged_out");
}

Response AccountPages::forgot_form(RequestContext& context) {
    context.ensure_csrf();
    return page(200, context, "identity/forgot_password", "forgot_title",
                {{"form", form_view(context.url("account.forgot"), nlohmann::json::object(), {}, context.language,
                                    m_catalogue)}});
}

Response AccountPages::forgot_submit(RequestContext& context) {
    const std::string email = core::trim(context.form.get("email"));
    if (auto problem = identity::check_email(email)) {
        context.ensure_csrf();
        return page(422, context, "identity/forgot_password", "forgot_title",
                    {{"form", form_view(context.url("account.forgot"), {{"email", email}}, {{"email", *problem}},
                                        context.language, m_catalogue)}});
    }
    // The same answer at once for every address; the reset itself (a link mailed, or nothing for an address without
    // an account) runs once the answer has left, so that its length does not tell which addresses have an account.
    context.after_response.push_back(
        [&credentials = m_identity.credentials, commune = context.commune_id(), email, origin = context.origin(),
         mail = context.mail()] { return credentials.request_password_reset(commune, email, origin, mail); });
    return message_page(context, "forgot_title", "msg_forgot_sent", nlohmann::json::array());
}

Response AccountPages::reset_form(RequestContext& context, identity::TokenPurpose purpose) {
    context.ensure_csrf();
    const bool set_password = purpose == identity::TokenPurpose::set_password;
    const std::string path = context.url(set_password ? "account.set_password" : "account.reset");
    const std::string title = set_password ? "set_password_title" : "reset_title";
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto usable = m_identity.registration.token_is_usable(context.commune_id(), token, purpose);
    if (!usable) {
        return storage_failure(context, usable.error());
    }
    if (!*usable) {
        return page(410, context, "identity/reset_password", title,
                    {{"invalid", true}, {"set_password", set_password}, {"forgot_url", context.url("account.forgot")}});
    }
    return page(200, context, "identity/reset_password", title,
                {{"form", form_view(path, nlohmann::json::object(), {}, context.language, m_catalogue)},
                 {"token", token},
                 {"set_password", set_password}});
}

Response AccountPages::reset_submit(RequestContext& context, identity::TokenPurpose purpose) {
    const bool set_password = purpose == identity::TokenPurpose::set_password;
    const std::string path = context.url(set_password ? "account.set_password" : "account.reset");
    const std::string title = set_password ? "set_password_title" : "reset_title";
    const std::string token = context.form.get("token");
    auto result = m_identity.credentials.reset_password(context.commune_id(), token, purpose,
                                                        context.form.get("password"), context.origin(), context.mail());
    if (!result) {
        if (result.error().code != core::ErrorCode::invalid_input) {
            return storage_failure(context, result.error());
        }
        return page(410, context, "identity/reset_password", title,
                    {{"invalid", true}, {"set_password", set_password}, {"forgot_url", context.url("account.forgot")}});
    }
    if (!result->empty()) {
        context.ensure_csrf();
        return page(422, context, "identity/reset_password", title,
                    {{"form", form_view(path, nlohmann::json::object(), *result, context.language, m_catalogue)},
                     {"token", token},
                     {"set_password", set_password}});
    }
    return message_page(context, title, set_password ? "msg_password_set" : "msg_password_reset_done",
                        nlohmann::json::array({{{"href", context.url("account.login")},
                                                {"label", m_catalogue.text(context.language, "cta_login")}}}));
}

}  // namespace guichet::web
