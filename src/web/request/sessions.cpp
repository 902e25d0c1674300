#include "web/request/sessions.h"

#include <nlohmann/json.hpp>

#include "identity/secret_token.h"
#include "web/request/request_context.h"

namespace guichet::web {
namespace {

constexpr std::string_view kAnonymousCsrfCookie = "guichet_csrf";
constexpr std::string_view kFlashCookie = "flash";
constexpr std::string_view kLanguageCookie = "lang";

}  // namespace

Sessions::Sessions(identity::AuthenticationService& authentication, CsrfGuard& csrf, Transport transport,
                   std::shared_ptr<spdlog::logger> error_log)
    : m_authentication(authentication), m_csrf(csrf), m_transport(transport), m_error_log(std::move(error_log)) {}

std::string_view Sessions::session_cookie_name() const {
    // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
    return m_transport == Transport::https ? "__Host-guichet_session" : "guichet_session";
}

void Sessions::resolve(RequestContext& context) const {
    const auto token = context.cookies.find(session_cookie_name());
    if (!token || token->empty()) {
        return;
    }
    context.session_token = std::string(*token);
    auto resolved = m_authentication.resolve(context.commune_id(), *token);
    if (!resolved) {
        m_error_log->error(
            nlohmann::json{{"event", "session_lookup_failed"}, {"error", core::describe(resolved.error())}}.dump(
                -1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
    }
    if (!*resolved) {
        return;
    }
    context.signed_in = std::move(**resolved);
    context.csrf_binding = "s:" + context.signed_in->session.digest;
    context.csrf_token = m_csrf.token_for(context.csrf_binding);
}

void Sessions::ensure_csrf(RequestContext& context) const {
    if (!context.csrf_token.empty()) {
        return;
    }
    std::string anonymous(context.cookies.find(kAnonymousCsrfCookie).value_or(""));
    if (!identity::looks_like_secret_token(anonymous)) {
        anonymous = identity::generate_secret_token();
        context.set_cookies.push_back(make_set_cookie(
            kAnonymousCsrfCookie, anonymous,
            {-1, SameSite::lax, m_transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
             CookieScript::http_only}));
    }
    context.csrf_binding = "a:" + anonymous;
    context.csrf_token = m_csrf.token_for(context.csrf_binding);
}

std::string Sessions::binding_of(const RequestContext& context) const {
    if (!context.csrf_binding.empty()) {
        return context.csrf_binding;
    }
    const std::string anonymous(context.cookies.find(kAnonymousCsrfCookie).value_or(""));
    return identity::looks_like_secret_token(anonymous) ? "a:" + anonymous : std::string();
}

void Sessions::start(RequestContext& context, std::string_view token) const {
    context.set_cookies.push_back(make_set_cookie(
        session_cookie_name(), token,
        {-1, SameSite::lax, m_transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
         CookieScript::http_only}));
}

std::string_view Sessions::device_cookie(const RequestContext& context) const {
    return context.cookies.find(device_cookie_name()).value_or(std::string_view());
}

void Sessions::remember_device(RequestContext& context, std::string_view value) const {
    context.set_cookies.push_back(
        make_set_cookie(device_cookie_name(), value,
                        {365L * 24 * 3600, SameSite::lax,
                         m_transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
                         CookieScript::http_only}));
}

std::string_view Sessions::device_cookie_name() const {
    return m_transport == Transport::https ? "__Host-guichet_appareil" : "guichet_appareil";
}

void Sessions::end(RequestContext& context) const {
    context.set_cookies.push_back(make_set_cookie(
        session_cookie_name(), "",
        {0, SameSite::lax, m_transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
         CookieScript::http_only}));
}

void Sessions::flash(RequestContext& context, std::string_view message_key) const {
    context.set_cookies.push_back(
        make_set_cookie(kFlashCookie, message_key, {60, SameSite::lax, CookieTransport::any, CookieScript::http_only}));
}

void Sessions::take_flash(RequestContext& context) const {
    const auto flash = context.cookies.find(kFlashCookie);
    // Only catalogue keys of messages and errors are shown: anything else in the cookie is not ours.
    const bool known = flash && (flash->rfind("msg_", 0) == 0 || flash->rfind("err_", 0) == 0);
    if (known && flash->size() < 64) {
        context.flash_key = std::string(*flash);
        context.set_cookies.push_back(
            make_set_cookie(kFlashCookie, "", {0, SameSite::lax, CookieTransport::any, CookieScript::http_only}));
    }
}

void Sessions::remember_language(RequestContext& context, std::string_view code) const {
    context.set_cookies.push_back(make_set_cookie(
        kLanguageCookie, code, {365L * 24 * 3600, SameSite::lax, CookieTransport::any, CookieScript::http_only}));
}

}  // namespace guichet::web
