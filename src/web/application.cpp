#include "web/application.h"

#include <nlohmann/json.hpp>

#include "core/instant.h"
#include "web/cookies.h"
#include "web/embedded_files.h"
#include "web/url.h"

namespace guichet::web {
namespace {

// The first path segment, decoded, or an empty string.
std::string first_segment(std::string_view path) {
    const auto segments = split_path(path);
    return segments && !segments->empty() ? segments->front() : std::string();
}

// Routes whose name starts with "commune." are under /{commune}/ and need the commune looked up first.
bool needs_commune(const Route& route) {
    return route.name.rfind("commune.", 0) == 0;
}

}  // namespace

Application::Application(ApplicationDependencies dependencies, ApplicationOptions options)
    : m_dependencies(std::move(dependencies)),
      m_options(options),
      m_catalogue(embedded_files()),
      m_templates(embedded_files()),
      m_assets(embedded_files()),
      m_pages(m_templates, m_catalogue, m_assets),
      m_directory(m_dependencies.communes, m_dependencies.clock, options.commune_cache_ttl) {
    add_routes();
}

void Application::add_routes() {
    m_router.add(Method::get, "/healthz", "ops.healthz", [](RequestContext&) { return Response::text(200, "ok\n"); });
    m_router.add(Method::get, "/readyz", "ops.readyz", [this](RequestContext&) { return readiness(); });
    m_router.add(Method::get, "/metrics", "ops.metrics", [this](RequestContext&) {
        Response response = Response::text(200, m_metrics.render_prometheus());
        response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        return response;
    });
    m_router.add(Method::get, "/", "portal.root", [this](RequestContext& c) { return portal_root(c); });
    m_router.add(Method::get, "/{commune}", "commune.canonical",
                 [](RequestContext& c) { return Response::redirect(301, "/" + c.commune->commune.slug + "/"); });
    m_router.add(Method::get, "/{commune}/", "commune.landing", [this](RequestContext& c) { return landing(c); });
    m_router.add(Method::get, "/{commune}/accessibilite", "commune.accessibility",
                 [this](RequestContext& c) { return accessibility(c); });
    m_router.add(Method::get, "/{commune}/logo", "commune.logo", [this](RequestContext& c) { return logo(c); });
}

Response Application::handle(const Request& request) {
    const auto started = std::chrono::steady_clock::now();
    m_metrics.request_started();
    std::string route_name = "unmatched";
    Response response;
    try {
        response = dispatch(request, route_name);
    } catch (const std::exception& error) {
        m_dependencies.error_log->error(
            nlohmann::json{{"event", "handler_failed"}, {"path", request.path}, {"error", error.what()}}.dump(
                -1, ' ', false, nlohmann::json::error_handler_t::replace));
        RequestContext context{request, {}, Language::fr, nullptr, {}};
        try {
            response = error_page(500, context, nullptr);
        } catch (const std::exception&) {
            response = Response::text(500, "Erreur interne.\n");
        }
    }
    apply_security_headers(response, m_options.transport);
    if (m_draining.load()) {
        response.headers.set("Connection", "close");
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    m_metrics.observe(route_name, method_name(request.method), response.status, elapsed);
    m_metrics.request_finished();
    log_access(request, route_name, response.status, response.body.size(), elapsed);
    return response;
}

Response Application::dispatch(const Request& request, std::string& route_name) {
    RequestContext context{request, {}, Language::fr, nullptr, {}};
    context.language = negotiate_language(context);
    if (request.body.size() > m_options.max_body_bytes) {
        route_name = "limit.body";
        return error_page(413, context, nullptr);
    }
    if (request.path.rfind(StaticAssets::kUrlPrefix, 0) == 0) {
        route_name = "assets";
        return serve_asset(request);
    }
    RouteMatch match = m_router.match(request.method, request.path);
    if (match.outcome == MatchOutcome::bad_path) {
        return error_page(400, context, nullptr);
    }
    // Resolve the commune named by the first segment, even for unknown pages, so a 404 keeps the town's header.
    std::shared_ptr<const CommuneEntry> commune;
    const std::string slug = first_segment(request.path);
    const bool commune_route = match.route != nullptr && needs_commune(*match.route);
    if (!slug.empty() && (commune_route || match.outcome != MatchOutcome::found)) {
        auto found = m_directory.find(slug);
        if (!found) {
            m_dependencies.error_log->error(
                nlohmann::json{{"event", "commune_lookup_failed"}, {"error", found.error().message}}.dump(
                    -1, ' ', false, nlohmann::json::error_handler_t::replace));
            return error_page(503, context, nullptr);
        }
        commune = std::move(*found);
    }
    if (match.outcome == MatchOutcome::not_found || (commune_route && !commune)) {
        return error_page(404, context, commune.get());
    }
    if (match.outcome == MatchOutcome::method_not_allowed) {
        Response response = error_page(405, context, commune.get());
        response.headers.set("Allow", "GET, HEAD");
        return response;
    }
    route_name = match.route->name;
    context.params = std::move(match.params);
    context.commune = std::move(commune);
    Response response = match.route->handler(context);
    for (auto& cookie : context.cookies) {
        response.headers.add("Set-Cookie", std::move(cookie));
    }
    return response;
}

Language Application::negotiate_language(RequestContext& context) const {
    if (const auto asked = query_value(context.request.query, "lang")) {
        if (const auto language = language_from_code(*asked)) {
            context.cookies.push_back(
                make_set_cookie("lang", language_code(*language),
                                {365L * 24 * 3600, SameSite::lax, CookieTransport::any, CookieScript::http_only}));
            return *language;
        }
    }
    if (const auto header = context.request.headers.find("Cookie")) {
        if (const auto chosen = find_cookie(*header, "lang")) {
            return language_from_code(*chosen).value_or(Language::fr);
        }
    }
    return Language::fr;
}

}  // namespace guichet::web
