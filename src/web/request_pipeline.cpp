// The steps every commune request goes through before its handler: session, CSRF, access control.
#include <nlohmann/json.hpp>

#include "identity/secret_token.h"
#include "web/application.h"
#include "web/cookies.h"
#include "web/url.h"

namespace guichet::web {
namespace {

constexpr std::string_view kAnonymousCsrfCookie = "guichet_csrf";

std::string session_cookie_name(Transport transport) {
    // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
    return transport == Transport::https ? "__Host-guichet_session" : "guichet_session";
}

bool is_api(const Request& request) {
    return request.path.find("/api/") != std::string::npos;
}

Response json_error(int status, std::string_view code, const std::string& message) {
    return Response::json(status, nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(
                                      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

void Application::resolve_session(RequestContext& context) {
    const auto header = context.request.headers.find("Cookie");
    if (!header) {
        return;
    }
    const auto token = find_cookie(*header, session_cookie_name(m_options.transport));
    if (!token || token->empty()) {
        return;
    }
    context.session_token = *token;
    auto resolved = m_dependencies.identity.authentication.resolve(context.commune_id(), *token);
    if (!resolved) {
        m_dependencies.error_log->error(
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

void Application::ensure_csrf(RequestContext& context) {
    if (!context.csrf_token.empty()) {
        return;
    }
    std::string anonymous;
    if (const auto header = context.request.headers.find("Cookie")) {
        anonymous = find_cookie(*header, kAnonymousCsrfCookie).value_or("");
    }
    if (!identity::looks_like_secret_token(anonymous)) {
        anonymous = identity::generate_secret_token();
        context.cookies.push_back(make_set_cookie(
            kAnonymousCsrfCookie, anonymous,
            {-1, SameSite::lax,
             m_options.transport == Transport::https ? CookieTransport::https_only : CookieTransport::any,
             CookieScript::http_only}));
    }
    context.csrf_binding = "a:" + anonymous;
    context.csrf_token = m_csrf.token_for(context.csrf_binding);
}

std::optional<Response> Application::check_forgery(RequestContext& context) {
    const Request& request = context.request;
    const bool api = is_api(request);
    if (!m_csrf.origin_allowed(request)) {
        return api ? json_error(403, "forbidden", "Origin not allowed") : error_page(403, context, "err_csrf");
    }
    if (!api) {
        const auto type = request.headers.find("Content-Type").value_or("");
        if (type.rfind("multipart/form-data", 0) == 0) {
            if (request.multipart_malformed) {
                return error_page(400, context);
            }
            std::vector<std::pair<std::string, std::string>> fields;
            for (const auto& part : request.parts) {
                if (part.filename.empty()) {
                    fields.emplace_back(part.name, part.body);
                }
            }
            context.form = Form::from_pairs(std::move(fields));
        } else if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
            auto form = Form::parse(request.body);
            if (!form) {
                return error_page(400, context);
            }
            context.form = std::move(*form);
        } else {
            return error_page(400, context);
        }
    }
    std::string binding = context.csrf_binding;
    if (binding.empty()) {
        if (const auto header = request.headers.find("Cookie")) {
            const std::string anonymous = find_cookie(*header, kAnonymousCsrfCookie).value_or("");
            if (identity::looks_like_secret_token(anonymous)) {
                binding = "a:" + anonymous;
            }
        }
    }
    const std::string token =
        api ? std::string(request.headers.find("X-CSRF-Token").value_or("")) : context.form.get("_csrf");
    if (!m_csrf.token_matches(token, binding)) {
        if (api) {
            return json_error(403, "csrf", m_catalogue.text(context.language, "err_csrf"));
        }
        return error_page(403, context, "err_csrf");
    }
    // A form shown again (with its errors) carries the same token.
    context.csrf_binding = binding;
    context.csrf_token = m_csrf.token_for(binding);
    return std::nullopt;
}

std::optional<Response> Application::check_access(RequestContext& context, const Route& route) {
    const Access access = route.options.access;
    if (access == Access::anyone) {
        return std::nullopt;
    }
    if (!context.signed_in) {
        if (is_api(context.request)) {
            return json_error(401, "unauthenticated", m_catalogue.text(context.language, "msg_session_expired"));
        }
        std::string back = context.request.path;
        if (!context.request.query.empty()) {
            back += "?" + context.request.query;
        }
        Response redirect = Response::redirect(303, context.home() + "connexion?retour=" + url_encode(back));
        return redirect;
    }
    const identity::Role role = context.signed_in->account.role;
    const bool allowed = access == Access::signed_in || (access == Access::parent && role == identity::Role::parent) ||
                         (access == Access::staff && identity::is_staff(role)) ||
                         (access == Access::admin && role == identity::Role::admin);
    if (allowed) {
        return std::nullopt;
    }
    return is_api(context.request) ? json_error(403, "forbidden", m_catalogue.text(context.language, "error_forbidden"))
                                   : error_page(403, context);
}

identity::RequestOrigin Application::origin(const RequestContext& context) const {
    return {context.request.remote_address,
            std::string(context.request.headers.find("User-Agent").value_or("")).substr(0, 256)};
}

identity::MailContext Application::mail_context(const RequestContext& context) const {
    return {std::string(language_code(context.language))};
}

}  // namespace guichet::web
