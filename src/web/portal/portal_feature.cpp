#include "web/portal/portal_feature.h"

namespace guichet::web {

void PortalFeature::install(Installation& site) {
    m_navigation = &site.navigation;
    site.navigation.links().landing = "portal.landing";
    site.navigation.links().accessibility = "portal.accessibility";
    site.navigation.links().logo = "portal.logo";
    const auto page = [&site](const char* path, const char* name, Handler handler) {
        site.routes.add({Method::get, path, name, Policy::anyone(), Scope::commune, Format::html,
                         Execution::network_thread, 0, std::move(handler)});
    };
    site.routes.add({Method::get, "/", "portal.root", Policy::anyone(), Scope::site, Format::html,
                     Execution::network_thread, 0, [this](RequestContext& c) { return root(c); }});
    page("/{commune}", "portal.canonical",
         [](RequestContext& c) { return Response::redirect(301, c.url("portal.landing")); });
    page("/{commune}/", "portal.landing", [this](RequestContext& c) { return landing(c); });
    page("/{commune}/accessibilite", "portal.accessibility", [this](RequestContext& c) {
        return m_kit.pages.page(200, c, "portal/accessibility", "accessibility_title", nlohmann::json::object());
    });
    page("/{commune}/logo", "portal.logo", [](RequestContext& c) { return logo(c); });
}

Response PortalFeature::root(RequestContext& context) const {
    auto all = m_kit.communes.list();
    if (all && all->size() == 1) {
        return Response::redirect(302, context.router->url_for("portal.landing", {{"commune", all->front().slug}}));
    }
    return m_kit.pages.error(404, context);
}

Response PortalFeature::landing(RequestContext& context) const {
    nlohmann::json data = {{"signup_url", context.url(m_navigation->links().signup)},
                           {"login_url", context.url(m_navigation->links().login)}};
    Response response = m_kit.pages.page(200, context, "portal/landing", "landing_page_title", std::move(data));
    response.headers.set("Cache-Control", "no-cache");
    return response;
}

Response PortalFeature::logo(RequestContext& context) {
    const CommuneEntry& entry = *context.commune;
    if (!entry.commune.logo) {
        return Response::text(404, "Pas de logo.\n");
    }
    const std::string etag = "\"" + entry.logo_version + "\"";
    if (const auto match = context.request.headers.find("If-None-Match"); match && *match == etag) {
        Response not_modified{304, {}, {}};
        not_modified.headers.set("ETag", etag);
        return not_modified;
    }
    Response response{200, {}, entry.commune.logo->bytes};
    response.headers.set("Content-Type", entry.commune.logo->media_type);
    response.headers.set("ETag", etag);
    // The page links the logo with ?v=<hash>, so a new logo gets a new URL: caching it for a day is safe.
    response.headers.set("Cache-Control", "public, max-age=86400");
    if (entry.commune.logo->media_type == "image/svg+xml") {
        // An SVG opened directly must not run script: a logo is an image, nothing more.
        response.headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    return response;
}

}  // namespace guichet::web
