// "Créer mon espace", the confirmation link, sign-in and sign-out, forgotten passwords and invitation links.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "web/application.h"
#include "web/cookies.h"
#include "web/form_view.h"
#include "web/url.h"

namespace guichet::web {
namespace {

constexpr RouteOptions kSlow{Access::anyone, Execution::worker_pool};

std::string session_cookie_name(Transport transport) {
    return transport == Transport::https ? "__Host-guichet_session" : "guichet_session";
}

CookieOptions session_cookie(Transport transport, long max_age) {
    return {max_age, SameSite::lax, transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
            CookieScript::http_only};
}

// Where to go after signing in: the page asked for, when it is a page of this commune, or the account's home.
std::string landing_after_login(const RequestContext& context, const identity::Account& account) {
    const std::string asked = query_value(context.request.query, "retour").value_or("");
    const bool printable = std::all_of(asked.begin(), asked.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte != 0x7F;
    });
    const bool safe = printable && asked.rfind(context.home(), 0) == 0 && asked.find("//") == std::string::npos &&
                      asked.find('\\') == std::string::npos && asked.find("deconnexion") == std::string::npos;
    if (safe) {
        return asked;
    }
    return context.home() + (identity::is_staff(account.role) ? "agents/" : "mon-espace");
}

}  // namespace

void Application::add_account_routes() {
    m_router.add(Method::get, "/{commune}/creer-mon-espace", "commune.signup",
                 [this](RequestContext& c) { return signup_form(c); });
    m_router.add(
        Method::post, "/{commune}/creer-mon-espace", "commune.signup.submit",
        [this](RequestContext& c) { return signup_submit(c); }, kSlow);
    m_router.add(Method::get, "/{commune}/confirmer-mon-adresse", "commune.confirm_email",
                 [this](RequestContext& c) { return confirm_email_form(c); });
    m_router.add(Method::post, "/{commune}/confirmer-mon-adresse", "commune.confirm_email.submit",
                 [this](RequestContext& c) { return confirm_email_submit(c); });
    m_router.add(Method::get, "/{commune}/renvoyer-confirmation", "commune.resend",
                 [this](RequestContext& c) { return resend_form(c); });
    m_router.add(Method::post, "/{commune}/renvoyer-confirmation", "commune.resend.submit",
                 [this](RequestContext& c) { return resend_submit(c); });
    m_router.add(Method::get, "/{commune}/connexion", "commune.login",
                 [this](RequestContext& c) { return login_form(c); });
    m_router.add(
        Method::post, "/{commune}/connexion", "commune.login.submit",
        [this](RequestContext& c) { return login_submit(c); }, kSlow);
    m_router.add(Method::post, "/{commune}/deconnexion", "commune.logout",
                 [this](RequestContext& c) { return logout(c); });
    m_router.add(Method::get, "/{commune}/mot-de-passe-oublie", "commune.forgot",
                 [this](RequestContext& c) { return forgot_form(c); });
    m_router.add(Method::post, "/{commune}/mot-de-passe-oublie", "commune.forgot.submit",
                 [this](RequestContext& c) { return forgot_submit(c); });
    m_router.add(Method::get, "/{commune}/nouveau-mot-de-passe", "commune.reset",
                 [this](RequestContext& c) { return reset_form(c, identity::TokenPurpose::password_reset); });
    m_router.add(
        Method::post, "/{commune}/nouveau-mot-de-passe", "commune.reset.submit",
        [this](RequestContext& c) { return reset_submit(c, identity::TokenPurpose::password_reset); }, kSlow);
    m_router.add(Method::get, "/{commune}/definir-mot-de-passe", "commune.set_password",
                 [this](RequestContext& c) { return reset_form(c, identity::TokenPurpose::set_password); });
    m_router.add(
        Method::post, "/{commune}/definir-mot-de-passe", "commune.set_password.submit",
        [this](RequestContext& c) { return reset_submit(c, identity::TokenPurpose::set_password); }, kSlow);
}

Response Application::signup_form(RequestContext& context) {
    ensure_csrf(context);
    nlohmann::json form =
        form_view(context.home() + "creer-mon-espace", nlohmann::json::object(), {}, context.language, m_catalogue);
    form["civility_options"] = civility_options(identity::Civility::unspecified, context.language, m_catalogue);
    return page(200, context, "signup", "signup_title", {{"form", form}, {"login_url", context.home() + "connexion"}});
}

Response Application::signup_submit(RequestContext& context) {
    identity::SignupForm input;
    input.contact = contact_from_form(context.form);
    input.email = core::trim(context.form.get("email"));
    input.username = core::trim(context.form.get("username"));
    input.password = context.form.get("password");
    input.childcare_key = core::trim(context.form.get("childcare_key"));
    identity::FieldErrors errors = identity::validate_signup(input, m_dependencies.identity.credentials.policy());
    if (errors.empty()) {
        auto stored = m_dependencies.identity.registration.sign_up(context.commune_id(), input, origin(context),
                                                                   mail_context(context));
        if (!stored) {
            return storage_failure(context, stored.error());
        }
        errors = std::move(*stored);
    }
    if (errors.empty()) {
        return page(200, context, "signup_done", "signup_done_title",
                    {{"email", input.email}, {"resend_url", context.home() + "renvoyer-confirmation"}});
    }
    nlohmann::json values = contact_values(input.contact);
    values["email"] = input.email;
    values["username"] = input.username;
    values["childcare_key"] = input.childcare_key;
    nlohmann::json form =
        form_view(context.home() + "creer-mon-espace", std::move(values), errors, context.language, m_catalogue);
    form["civility_options"] = civility_options(input.contact.civility, context.language, m_catalogue);
    return page(422, context, "signup", "signup_title", {{"form", form}, {"login_url", context.home() + "connexion"}});
}

Response Application::confirm_email_form(RequestContext& context) {
    ensure_csrf(context);
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto usable = m_dependencies.identity.registration.token_is_usable(context.commune_id(), token,
                                                                       identity::TokenPurpose::confirm_email);
    if (!usable) {
        return storage_failure(context, usable.error());
    }
    if (!*usable) {
        return page(410, context, "confirm_email", "confirm_email_title",
                    {{"invalid", true}, {"resend_url", context.home() + "renvoyer-confirmation"}});
    }
    return page(200, context, "confirm_email", "confirm_email_title",
                {{"action", context.home() + "confirmer-mon-adresse"}, {"token", token}});
}

Response Application::confirm_email_submit(RequestContext& context) {
    // Confirms the address and links the clé enfance typed at sign-up, in one transaction.
    auto confirmed =
        m_dependencies.family.confirm_email_and_link(context.commune_id(), context.form.get("token"), origin(context));
    if (!confirmed) {
        if (confirmed.error().code != core::ErrorCode::invalid_input) {
            return storage_failure(context, confirmed.error());
        }
        return page(410, context, "confirm_email", "confirm_email_title",
                    {{"invalid", true}, {"resend_url", context.home() + "renvoyer-confirmation"}});
    }
    return message_page(context, "confirm_email_title", "msg_email_confirmed",
                        nlohmann::json::array({{{"href", context.home() + "connexion"},
                                                {"label", m_catalogue.text(context.language, "cta_login")}}}));
}

Response Application::resend_form(RequestContext& context) {
    ensure_csrf(context);
    return page(200, context, "resend_confirmation", "resend_title",
                {{"form", form_view(context.home() + "renvoyer-confirmation", nlohmann::json::object(), {},
                                    context.language, m_catalogue)}});
}

Response Application::resend_submit(RequestContext& context) {
    const std::string email = core::trim(context.form.get("email"));
    if (auto problem = identity::check_email(email)) {
        ensure_csrf(context);
        return page(422, context, "resend_confirmation", "resend_title",
                    {{"form", form_view(context.home() + "renvoyer-confirmation", {{"email", email}},
                                        {{"email", *problem}}, context.language, m_catalogue)}});
    }
    auto sent = m_dependencies.identity.registration.resend_confirmation(context.commune_id(), email, origin(context),
                                                                         mail_context(context));
    if (!sent) {
        return storage_failure(context, sent.error());
    }
    return message_page(context, "resend_title", "msg_resend_sent", nlohmann::json::array());
}

Response Application::login_form(RequestContext& context) {
    ensure_csrf(context);
    std::string action = context.home() + "connexion";
    if (!context.request.query.empty() && query_value(context.request.query, "retour")) {
        action += "?retour=" + url_encode(*query_value(context.request.query, "retour"));
    }
    return page(200, context, "login", "login_title",
                {{"form", form_view(action, nlohmann::json::object(), {}, context.language, m_catalogue)},
                 {"forgot_url", context.home() + "mot-de-passe-oublie"},
                 {"signup_url", context.home() + "creer-mon-espace"},
                 {"resend_url", context.home() + "renvoyer-confirmation"}});
}

Response Application::login_submit(RequestContext& context) {
    const std::string login = core::trim(context.form.get("login"));
    const std::string password = context.form.get("password");
    auto result = m_dependencies.identity.authentication.login(context.commune_id(), login, password, origin(context),
                                                               context.session_token);
    if (result) {
        context.cookies.push_back(make_set_cookie(session_cookie_name(m_options.transport), result->session_token,
                                                  session_cookie(m_options.transport, -1)));
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
    ensure_csrf(context);
    std::string action = context.home() + "connexion";
    if (const auto back = query_value(context.request.query, "retour")) {
        action += "?retour=" + url_encode(*back);
    }
    Response response =
        page(status, context, "login", "login_title",
             {{"form", form_view(action, {{"login", login}}, {{"login", key}}, context.language, m_catalogue)},
              {"forgot_url", context.home() + "mot-de-passe-oublie"},
              {"signup_url", context.home() + "creer-mon-espace"},
              {"resend_url", context.home() + "renvoyer-confirmation"}});
    if (status == 429) {
        response.headers.set("Retry-After", "60");
    }
    return response;
}

Response Application::logout(RequestContext& context) {
    if (!context.session_token.empty()) {
        auto ended =
            m_dependencies.identity.authentication.logout(context.commune_id(), context.session_token, origin(context));
        if (!ended) {
            return storage_failure(context, ended.error());
        }
    }
    context.cookies.push_back(
        make_set_cookie(session_cookie_name(m_options.transport), "", session_cookie(m_options.transport, 0)));
    return redirect_with_flash(context, context.home(), "msg_logged_out");
}

Response Application::forgot_form(RequestContext& context) {
    ensure_csrf(context);
    return page(200, context, "forgot_password", "forgot_title",
                {{"form", form_view(context.home() + "mot-de-passe-oublie", nlohmann::json::object(), {},
                                    context.language, m_catalogue)}});
}

Response Application::forgot_submit(RequestContext& context) {
    const std::string email = core::trim(context.form.get("email"));
    if (auto problem = identity::check_email(email)) {
        ensure_csrf(context);
        return page(422, context, "forgot_password", "forgot_title",
                    {{"form", form_view(context.home() + "mot-de-passe-oublie", {{"email", email}},
                                        {{"email", *problem}}, context.language, m_catalogue)}});
    }
    auto requested = m_dependencies.identity.credentials.request_password_reset(context.commune_id(), email,
                                                                                origin(context), mail_context(context));
    if (!requested) {
        return storage_failure(context, requested.error());
    }
    return message_page(context, "forgot_title", "msg_forgot_sent", nlohmann::json::array());
}

Response Application::reset_form(RequestContext& context, identity::TokenPurpose purpose) {
    ensure_csrf(context);
    const bool set_password = purpose == identity::TokenPurpose::set_password;
    const std::string path = context.home() + (set_password ? "definir-mot-de-passe" : "nouveau-mot-de-passe");
    const std::string title = set_password ? "set_password_title" : "reset_title";
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto usable = m_dependencies.identity.registration.token_is_usable(context.commune_id(), token, purpose);
    if (!usable) {
        return storage_failure(context, usable.error());
    }
    if (!*usable) {
        return page(410, context, "reset_password", title,
                    {{"invalid", true},
                     {"set_password", set_password},
                     {"forgot_url", context.home() + "mot-de-passe-oublie"}});
    }
    return page(200, context, "reset_password", title,
                {{"form", form_view(path, nlohmann::json::object(), {}, context.language, m_catalogue)},
                 {"token", token},
                 {"set_password", set_password}});
}

Response Application::reset_submit(RequestContext& context, identity::TokenPurpose purpose) {
    const bool set_password = purpose == identity::TokenPurpose::set_password;
    const std::string path = context.home() + (set_password ? "definir-mot-de-passe" : "nouveau-mot-de-passe");
    const std::string title = set_password ? "set_password_title" : "reset_title";
    const std::string token = context.form.get("token");
    auto result = m_dependencies.identity.credentials.reset_password(
        context.commune_id(), token, purpose, context.form.get("password"), origin(context), mail_context(context));
    if (!result) {
        if (result.error().code != core::ErrorCode::invalid_input) {
            return storage_failure(context, result.error());
        }
        return page(410, context, "reset_password", title,
                    {{"invalid", true},
                     {"set_password", set_password},
                     {"forgot_url", context.home() + "mot-de-passe-oublie"}});
    }
    if (!result->empty()) {
        ensure_csrf(context);
        return page(422, context, "reset_password", title,
                    {{"form", form_view(path, nlohmann::json::object(), *result, context.language, m_catalogue)},
                     {"token", token},
                     {"set_password", set_password}});
    }
    return message_page(context, title, set_password ? "msg_password_set" : "msg_password_reset_done",
                        nlohmann::json::array({{{"href", context.home() + "connexion"},
                                                {"label", m_catalogue.text(context.language, "cta_login")}}}));
}

}  // namespace guichet::web
