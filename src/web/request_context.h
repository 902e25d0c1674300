#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "identity/authentication_service.h"
#include "web/commune_directory.h"
#include "web/form.h"
#include "web/http.h"
#include "web/i18n.h"
#include "web/router.h"

namespace guichet::web {

// Everything a handler knows about the request it answers.
struct RequestContext {
    explicit RequestContext(const Request& incoming) : request(incoming) {}

    const Request& request;
    RouteParams params;
    Language language = Language::fr;
    // The commune named by the first path segment, already looked up, for every route under "/{commune}/".
    std::shared_ptr<const CommuneEntry> commune;
    // Set-Cookie values the response must carry (the language choice, the session, the flash message…).
    std::vector<std::string> cookies;

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

    [[nodiscard]] const std::string& commune_slug() const { return commune->commune.slug; }
    [[nodiscard]] core::CommuneId commune_id() const { return commune->commune.id; }
    // "/chanteloup-les-vignes/"
    [[nodiscard]] std::string home() const { return "/" + commune->commune.slug + "/"; }
};

}  // namespace guichet::web
