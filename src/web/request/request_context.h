#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/clock.h"
#include "identity/authentication_service.h"
#include "identity/identity_context.h"
#include "web/http/cookies.h"
#include "web/http/form.h"
#include "web/http/http.h"
#include "web/request/commune_directory.h"
#include "web/request/language.h"
#include "web/request/router.h"

namespace guichet::web {

class Sessions;

// Everything a handler knows about the request it answers, worked out once by the pipeline: the path split into
// segments, the cookies parsed, the route and its parameters, the commune, the session, the form.
struct RequestContext {
    RequestContext(const Request& incoming, const Router& routes, const core::Clock& time, Sessions& session_service)
        : request(incoming), router(&routes), clock(&time), sessions(&session_service) {}

    const Request& request;
    std::vector<std::string> segments;  // decoded path segments
    CookieJar cookies;                  // the request's cookies
    const Route* route = nullptr;       // the matched route, once matched
    RouteParams params;
    Language language = Language::fr;
    // The commune named by the first path segment, already looked up, for every route under "/{commune}/".
    std::shared_ptr<const CommuneEntry> commune;
    // Set-Cookie values the response must carry (the language choice, the session, the flash message…).
    std::vector<std::string> set_cookies;
    // Work done once the answer has left, on the worker pool: work whose length must not show in the answer's time
    // (what a password reset does depends on whether the address has an account). A failure is logged.
    std::vector<std::function<core::Status()>> after_response;

    // The signed-in account, when the session cookie names a live session of this commune.
    std::optional<identity::SignedIn> signed_in;
    // The session cookie's value as sent (even when the session is dead), to end it at sign-in or sign-out.
    std::string session_token;
    // What this visitor's CSRF token is bound to, and the token itself, for forms on the page.
    std::string csrf_binding;
    std::string csrf_token;
    // The catalogue key of the message left by the previous action (a redirect after a form).
    std::string flash_key;
    // The decoded fields of a form post.
    Form form;

    const Router* router;
    const core::Clock* clock;
    Sessions* sessions;

    [[nodiscard]] const std::string& commune_slug() const { return commune->commune.slug; }
    [[nodiscard]] core::CommuneId commune_id() const { return commune->commune.id; }

    // The path of a route of this commune ("family.child", {{"child", "12"}} → "/chanteloup-les-vignes/ma-famille/
    // enfants/12"), with an optional query. The only way pages and handlers build links.
    [[nodiscard]] std::string url(std::string_view route_name, UrlParams params = {},
                                  const UrlParams& query = {}) const;

    // Where the request comes from, for the audit log and throttling.
    [[nodiscard]] identity::RequestOrigin origin() const;
    // What mails caused by this request need to know (the reader's language).
    [[nodiscard]] identity::MailContext mail() const;
    // Today in the commune's time zone.
    [[nodiscard]] core::CivilDate today() const;
    // "21/06/2019 à 12:06" in the commune's time zone.
    [[nodiscard]] std::string local_text(core::Instant instant) const;
    // True when the route answers JSON.
    [[nodiscard]] bool wants_json() const { return route != nullptr && route->spec.format == Format::json; }

    // Gives the visitor a CSRF token for the forms of the page (an anonymous one before sign-in).
    void ensure_csrf();
};

}  // namespace guichet::web
