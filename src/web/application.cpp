#include "web/application.h"

#include <nlohmann/json.hpp>

#include <future>

#include "identity/secret_token.h"
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

std::string json_line(const nlohmann::json& data) {
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

// A request on its way: what finish() needs once the response is known.
struct Application::Pending {
    Request request;
    Responder respond;
    std::chrono::steady_clock::time_point started;
    std::string route_name = "unmatched";
};

Application::Application(ApplicationDependencies dependencies, ApplicationOptions options)
    : m_dependencies(std::move(dependencies)),
      m_options(std::move(options)),
      m_catalogue(embedded_files()),
      m_templates(embedded_files()),
      m_assets(embedded_files()),
      m_pages(m_templates, m_catalogue, m_assets),
      m_directory(m_dependencies.communes, m_dependencies.clock, m_options.commune_cache_ttl),
      m_mail(m_templates, m_catalogue, m_pages, m_dependencies.communes, m_options.mail_from),
      m_csrf(m_dependencies.server_key, origin_of(m_options.public_url)) {
    m_mail.set_public_url(m_options.public_url);
    add_routes();
}

void Application::set_public_url(std::string url) {
    m_options.public_url = std::move(url);
    m_csrf.set_public_origin(origin_of(m_options.public_url));
    m_mail.set_public_url(m_options.public_url);
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
                 [](RequestContext& c) { return Response::redirect(301, c.home()); });
    m_router.add(Method::get, "/{commune}/", "commune.landing", [this](RequestContext& c) {
        nlohmann::json data = {{"signup_url", c.home() + "creer-mon-espace"}, {"login_url", c.home() + "connexion"}};
        Response response = page(200, c, "landing", "landing_page_title", std::move(data));
        response.headers.set("Cache-Control", "no-cache");
        return response;
    });
    m_router.add(Method::get, "/{commune}/accessibilite", "commune.accessibility", [this](RequestContext& c) {
        return page(200, c, "accessibility", "accessibility_title", nlohmann::json::object());
    });
    m_router.add(Method::get, "/{commune}/logo", "commune.logo", [](RequestContext& c) {
        const CommuneEntry& entry = *c.commune;
        if (!entry.commune.logo) {
            return Response::text(404, "Pas de logo.\n");
        }
        const std::string etag = "\"" + entry.logo_version + "\"";
        if (const auto match = c.request.headers.find("If-None-Match"); match && *match == etag) {
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
    });
    add_account_routes();
    add_profile_routes();
    add_back_office_routes();
    add_family_routes();
    add_family_office_routes();
    add_api_routes();
}

void Application::handle(Request request, Responder respond) {
    m_metrics.request_started();
    auto pending = std::make_shared<Pending>(
        Pending{std::move(request), std::move(respond), std::chrono::steady_clock::now(), "unmatched"});
    auto context = std::make_shared<RequestContext>(pending->request);
    const Route* route = nullptr;
    Response early;
    try {
        early = dispatch(*context, route);
    } catch (const std::exception& error) {
        m_dependencies.error_log->error(
            json_line({{"event", "handler_failed"}, {"path", pending->request.path}, {"error", error.what()}}));
        early = Response::text(500, "Erreur interne.\n");
    }
    if (route == nullptr) {
        for (auto& cookie : context->cookies) {
            early.headers.add("Set-Cookie", std::move(cookie));
        }
        finish(*pending, std::move(early));
        return;
    }
    pending->route_name = route->name;
    if (route->options.execution == Execution::network_thread) {
        finish(*pending, run_handler(*context, *route));
        return;
    }
    const bool queued = m_dependencies.slow_work.try_submit(
        [this, pending, context, route] { finish(*pending, run_handler(*context, *route)); });
    if (!queued) {
        Response busy = error_page(503, *context);
        busy.headers.set("Retry-After", "5");
        finish(*pending, std::move(busy));
    }
}

Response Application::handle_now(const Request& request) {
    std::promise<Response> answer;
    auto future = answer.get_future();
    handle(request, [&answer](Response response) { answer.set_value(std::move(response)); });
    return future.get();
}

void Application::finish(Pending& pending, Response response) {
    apply_security_headers(response, m_options.transport);
    if (m_draining.load()) {
        response.headers.set("Connection", "close");
    }
    const auto elapsed = std::chrono::steady_clock::now() - pending.started;
    m_metrics.observe(pending.route_name, method_name(pending.request.method), response.status, elapsed);
    log_access(pending.request, pending.route_name, response.status, response.body.size(), elapsed);
    pending.respond(std::move(response));
    m_metrics.request_finished();
}

// Everything before the handler: returns the response when the request ends here (route stays null), otherwise
// sets `route` and returns nothing of use.
Response Application::dispatch(RequestContext& context, const Route*& route) {
    const Request& request = context.request;
    context.language = negotiate_language(context);
    if (request.path.rfind(StaticAssets::kUrlPrefix, 0) == 0) {
        return serve_asset(request);
    }
    RouteMatch match = m_router.match(request.method, request.path);
    const std::size_t body_limit = match.route != nullptr && match.route->options.max_body_bytes > 0
                                       ? match.route->options.max_body_bytes
                                       : m_options.max_body_bytes;
    if (request.body.size() > body_limit) {
        return error_page(413, context);
    }
    if (match.outcome == MatchOutcome::bad_path) {
        return error_page(400, context);
    }
    // Resolve the commune named by the first segment, even for unknown pages, so a 404 keeps the town's header.
    const std::string slug = first_segment(request.path);
    const bool commune_route = match.route != nullptr && needs_commune(*match.route);
    if (!slug.empty() && (commune_route || match.outcome != MatchOutcome::found)) {
        auto found = m_directory.find(slug);
        if (!found) {
            m_dependencies.error_log->error(
                json_line({{"event", "commune_lookup_failed"}, {"error", core::describe(found.error())}}));
            return error_page(503, context);
        }
        context.commune = std::move(*found);
    }
    if (match.outcome == MatchOutcome::not_found || (commune_route && !context.commune)) {
        if (context.commune) {
            resolve_session(context);
        }
        return error_page(404, context);
    }
    if (match.outcome == MatchOutcome::method_not_allowed) {
        Response response = error_page(405, context);
        response.headers.set("Allow", "GET, HEAD, POST");
        return response;
    }
    context.params = std::move(match.params);
    if (auto refused = prepare(context, *match.route)) {
        return std::move(*refused);
    }
    route = match.route;
    return {};
}

// Session, flash, CSRF and access control for a matched route. Returns a response when the request stops here.
std::optional<Response> Application::prepare(RequestContext& context, const Route& route) {
    if (!context.commune) {
        return std::nullopt;  // /healthz, /metrics…: no session, no forms
    }
    resolve_session(context);
    if (const auto header = context.request.headers.find("Cookie")) {
        if (auto flash = find_cookie(*header, "flash"); flash && flash->rfind("msg_", 0) == 0 && flash->size() < 64) {
            context.flash_key = *flash;
            context.cookies.push_back(
                make_set_cookie("flash", "", {0, SameSite::lax, CookieTransport::any, CookieScript::http_only}));
        }
    }
    if (context.request.method == Method::post) {
        if (auto forged = check_forgery(context)) {
            return forged;
        }
    }
    return check_access(context, route);
}

Response Application::run_handler(RequestContext& context, const Route& route) {
    Response response;
    try {
        response = route.handler(context);
    } catch (const std::exception& error) {
        m_dependencies.error_log->error(
            json_line({{"event", "handler_failed"}, {"route", route.name}, {"error", error.what()}}));
        try {
            response = error_page(500, context);
        } catch (const std::exception&) {
            response = Response::text(500, "Erreur interne.\n");
        }
    }
    for (auto& cookie : context.cookies) {
        response.headers.add("Set-Cookie", std::move(cookie));
    }
    context.cookies.clear();
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
