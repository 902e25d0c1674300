#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>

#include "identity/authentication_service.h"
#include "web/http/cookies.h"
#include "web/http/security_headers.h"
#include "web/request/csrf.h"

namespace guichet::web {

struct RequestContext;

// The cookies that carry a visitor's state between requests: the session, the anonymous CSRF binding before sign-in,
// the flash message left by a redirect, the language. Thread-safe (holds no request state).
class Sessions {
  public:
    Sessions(identity::AuthenticationService& authentication, CsrfGuard& csrf, Transport transport,
             std::shared_ptr<spdlog::logger> error_log);

    // Finds the signed-in account from the session cookie, when it names a live session of the request's commune,
    // and binds the CSRF token to that session.
    void resolve(RequestContext& context) const;

    // Gives the visitor a CSRF token for the forms of the page: the session's, or an anonymous one (setting its
    // cookie) before sign-in.
    void ensure_csrf(RequestContext& context) const;

    // Returns what the token of a form post must be bound to: the session, or the anonymous cookie. Empty when the
    // visitor has neither (a post without any cookie is forged).
    [[nodiscard]] std::string binding_of(const RequestContext& context) const;

    // Sets the session cookie of a new session (sign-in, password change), or removes it (sign-out).
    void start(RequestContext& context, std::string_view token) const;
    // The browser's device cookie (identity::DeviceCookies), as sent; empty when it has none.
    [[nodiscard]] std::string_view device_cookie(const RequestContext& context) const;
    // Gives the browser its device cookie for a year (after a sign-in): signed, HttpOnly, only over HTTPS in
    // production. It proves a past sign-in, not a session: it lets nobody in without the password.
    void remember_device(RequestContext& context, std::string_view value) const;
    void end(RequestContext& context) const;

    // Leaves a message (a catalogue key) for the page the browser is redirected to; picks up and clears the one
    // left by the previous request.
    void flash(RequestContext& context, std::string_view message_key) const;
    void take_flash(RequestContext& context) const;

    // Remembers the language a visitor chose.
    void remember_language(RequestContext& context, std::string_view code) const;

    [[nodiscard]] std::string_view session_cookie_name() const;
    [[nodiscard]] CsrfGuard& csrf() const { return m_csrf; }
    [[nodiscard]] Transport transport() const { return m_transport; }

  private:
    [[nodiscard]] std::string_view device_cookie_name() const;

    identity::AuthenticationService& m_authentication;
    CsrfGuard& m_csrf;
    Transport m_transport;
    std::shared_ptr<spdlog::logger> m_error_log;
};

}  // namespace guichet::web
