// The public pages of a commune: landing page, accessibility statement, logo.
#include <nlohmann/json.hpp>

#include "web/application.h"

namespace guichet::web {

Response Application::landing(RequestContext& context) {
    const std::string home = "/" + context.commune->commune.slug + "/";
    nlohmann::json data = {{"signup_url", home + "creer-mon-espace"}, {"login_url", home + "connexion"}};
    Response response =
        m_pages.page(200, context, context.commune.get(), "landing", "landing_page_title", std::move(data));
    response.headers.set("Cache-Control", "no-cache");
    return response;
}

Response Application::accessibility(RequestContext& context) {
    Response response = m_pages.page(200, context, context.commune.get(), "accessibility", "accessibility_title",
                                     nlohmann::json::object());
    response.headers.set("Cache-Control", "no-cache");
    return response;
}

Response Application::logo(RequestContext& context) {
    const CommuneEntry& entry = *context.commune;
    if (!entry.commune.logo) {
        return error_page(404, context, &entry);
    }
    const tenancy::Logo& logo = *entry.commune.logo;
    const std::string etag = "\"" + entry.logo_version + "\"";
    if (const auto match = context.request.headers.find("If-None-Match"); match && *match == etag) {
        Response not_modified{304, {}, {}};
        not_modified.headers.set("ETag", etag);
        return not_modified;
    }
    Response response{200, {}, logo.bytes};
    response.headers.set("Content-Type", logo.media_type);
    response.headers.set("ETag", etag);
    // The page links the logo with ?v=<hash>, so a new logo gets a new URL: caching it for a day is safe.
    response.headers.set("Cache-Control", "public, max-age=86400");
    if (logo.media_type == "image/svg+xml") {
        // An SVG opened directly must not run script: a logo is an image, nothing more.
        response.headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    return response;
}

}  // namespace guichet::web
