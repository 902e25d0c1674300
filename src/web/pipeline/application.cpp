#include "web/pipeline/application.h"

#include <sodium.h>
#include <nlohmann/json.hpp>

#include <future>

#include "web/http/url.h"
#include "web/view/embedded_files.h"

namespace guichet::web {
namespace {

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
      m_directory(m_dependencies.communes, m_dependencies.clock, m_options.commune_cache_ttl),
      m_csrf(m_dependencies.server_key, origin_of(m_options.public_url)),
      m_sessions(m_dependencies.authentication, m_csrf, m_options.transport, m_dependencies.error_log),
      m_pages(m_templates, m_catalogue, m_assets, m_navigation, m_router, m_directory, m_dependencies.error_log),
      m_dashboard(m_pages, m_navigation),
      m_mail(m_templates, m_catalogue, m_pages, m_router, m_navigation, m_mail_kinds, m_dependencies.communes,
             m_options.mail_from),
      m_kit{m_pages,
            m_dashboard,
            m_navigation,
            m_sessions,
            m_dependencies.clock,
            m_options.public_url,
            m_directory,
            m_dependencies.error_log} {
    m_mail.set_public_url(m_options.public_url);
}

Application::~Application() = default;

void Application::install(std::unique_ptr<Feature> feature) {
    Installation site{m_router, m_navigation, m_mail_kinds, m_job_kinds, m_timers};
    feature->install(site);
    m_features.push_back(std::move(feature));
}

void Application::start() {
    m_router.check_complete();
}

void Application::set_public_url(std::string url) {
    m_options.public_url = std::move(url);
    m_csrf.set_public_origin(origin_of(m_options.public_url));
    m_mail.set_public_url(m_options.public_url);
}

bool MonitoringAccess::allows(const Request& request) const {
    if (!bearer_token.empty()) {
        if (const auto authorization = request.headers.find("Authorization")) {
            constexpr std::string_view kScheme = "Bearer ";
            if (authorization->size() == kScheme.size() + bearer_token.size() &&
                authorization->substr(0, kScheme.size()) == kScheme &&
                sodium_memcmp(authorization->data() + kScheme.size(), bearer_token.data(), bearer_token.size()) == 0) {
                return true;
            }
        }
    }
    return any_contains(addresses, request.client_address);
}

void Application::handle(Request request, Responder respond) {
    m_metrics.request_started();
    request.client_address = client_address(request, m_options.trusted_proxies);
    auto pending = std::make_shared<Pending>(
        Pending{std::move(request), std::move(respond), std::chrono::steady_clock::now(), "unmatched"});
    auto context = std::make_shared<RequestContext>(pending->request, m_router, m_dependencies.clock, m_sessions);
    const Route* route = nullptr;
    Response early;
    try {
        early = dispatch(*context, route);
    } catch (const std::exception& error) {
        m_dependencies.error_log->error(
            json_line({{"event", "handler_failed"}, {"route", "dispatch"}, {"error", error.what()}}));
        early = Response::text(500, "Erreur interne.\n");
    }
    if (route == nullptr) {
        for (auto& cookie : context->set_cookies) {
            early.headers.add("Set-Cookie", std::move(cookie));
        }
        finish(*pending, std::move(early));
        return;
    }
    pending->route_name = route->name();
    if (route->spec.execution == Execution::network_thread) {
        finish(*pending, run_handler(*context, *route));
        if (!context->after_response.empty() && !m_dependencies.slow_work.try_submit([this, pending, context] {
                run_after_response(*pending, *context);
            })) {
            run_after_response(*pending, *context);
        }
        return;
    }
    const bool queued = m_dependencies.slow_work.try_submit([this, pending, context, route] {
        finish(*pending, run_handler(*context, *route));
        run_after_response(*pending, *context);
    });
    if (!queued) {
        Response busy = m_pages.error(503, *context);
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

void Application::run_after_response(const Pending& pending, RequestContext& context) {
    for (auto& work : context.after_response) {
        core::Status done = core::fail(core::ErrorCode::internal, "error_internal");
        try {
            done = work();
        } catch (const std::exception& error) {
            done = core::fail(core::make_error(core::ErrorCode::internal, "error_internal").with_detail(error.what()));
        }
        if (!done) {
            m_dependencies.error_log->error(json_line({{"event", "after_response_failed"},
                                                       {"route", pending.route_name},
                                                       {"error", core::describe(done.error())}}));
        }
    }
    context.after_response.clear();
}

void Application::finish(Pending& pending, Response response) {
    apply_security_headers(response, m_options.transport);
    if (m_draining.load()) {
        response.headers.set("Connection", "close");
    }
    const auto elapsed = std::chrono::steady_clock::now() - pending.started;
    m_metrics.observe(pending.route_name, method_name(pending.request.method), response.status, elapsed);
    log_access(pending.request, pending.route_name, response.status, response.body_size(), elapsed);
    pending.respond(std::move(response));
    m_metrics.request_finished();
}

Response Application::dispatch(RequestContext& context, const Route*& route) {
    const Request& request = context.request;
    if (const auto header = request.headers.find("Cookie")) {
        context.cookies = CookieJar::parse(*header);
    }
    negotiate_language(context);
    if (request.path.rfind(StaticAssets::kUrlPrefix, 0) == 0) {
        return serve_asset(request);
    }
    auto segments = split_path(request.path);
    if (!segments) {
        return m_pages.error(400, context);
    }
    context.segments = std::move(*segments);
    RouteMatch match = m_router.match(request.method, context.segments);
    context.route = match.route;
    const std::size_t body_limit = match.route != nullptr && match.route->spec.max_body_bytes > 0
                                       ? match.route->spec.max_body_bytes
                                       : m_options.max_body_bytes;
    if (request.body.size() > body_limit) {
        return m_pages.error(413, context);
    }
    // The commune named by the first segment is looked up for its routes, and for unknown pages too, so that a 404
    // keeps the town's header.
    const bool commune_route = match.route != nullptr && match.route->spec.scope == Scope::commune;
    const std::string& slug = context.segments.front();
    if (!slug.empty() && (commune_route || match.outcome != MatchOutcome::found)) {
        auto found = m_directory.find(slug);
        if (!found) {
            m_dependencies.error_log->error(
                json_line({{"event", "commune_lookup_failed"}, {"error", core::describe(found.error())}}));
            return m_pages.error(503, context);
        }
        context.commune = std::move(*found);
    }
    if (match.outcome == MatchOutcome::not_found || (commune_route && !context.commune)) {
        if (context.commune) {
            m_sessions.resolve(context);
        }
        return m_pages.error(404, context);
    }
    if (match.outcome == MatchOutcome::method_not_allowed) {
        Response response = m_pages.error(405, context);
        response.headers.set("Allow", "GET, HEAD, POST");
        return response;
    }
    context.params = std::move(match.params);
    if (context.commune) {
        m_sessions.resolve(context);
        m_sessions.take_flash(context);
        if (request.method == Method::post) {
            if (auto forged = check_forgery(context)) {
                return std::move(*forged);
            }
        }
    }
    if (auto refused = check_policy(context, *match.route)) {
        return std::move(*refused);
    }
    route = match.route;
    return {};
}

// A state-changing request must come from the portal's own pages (Origin) and carry the token bound to the visitor:
// in the form's _csrf field for pages, in the X-CSRF-Token header for JSON.
std::optional<Response> Application::check_forgery(RequestContext& context) {
    const Request& request = context.request;
    const bool json = context.wants_json();
    if (!m_csrf.origin_allowed(request)) {
        return json ? Pages::json_error(403, "forbidden", m_catalogue.text(context.language, "err_csrf"))
                    : m_pages.error(403, context, "err_csrf");
    }
    if (!json) {
        const auto type = request.headers.find("Content-Type").value_or("");
        if (type.rfind("multipart/form-data", 0) == 0) {
            if (request.multipart_malformed) {
                return m_pages.error(400, context);
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
                return m_pages.error(400, context);
            }
            context.form = std::move(*form);
        } else {
            return m_pages.error(400, context);
        }
    }
    const std::string binding = m_sessions.binding_of(context);
    const std::string token =
        json ? std::string(request.headers.find("X-CSRF-Token").value_or("")) : context.form.get("_csrf");
    if (!m_csrf.token_matches(token, binding)) {
        return json ? Pages::json_error(403, "csrf", m_catalogue.text(context.language, "err_csrf"))
                    : m_pages.error(403, context, "err_csrf");
    }
    // A form shown again (with its errors) carries the same token.
    context.csrf_binding = binding;
    context.csrf_token = m_csrf.token_for(binding);
    return std::nullopt;
}

// The route's declared policy, checked the same way for every route: not signed in → the sign-in page (401 for
// JSON); signed in without the role → 403; a parent_of resource that is not the parent's → 404, as for an id that
// does not exist.
std::optional<Response> Application::check_policy(RequestContext& context, const Route& route) {
    const Policy& policy = route.spec.policy;
    if (policy.access == Access::anyone || policy.access == Access::ops) {
        return std::nullopt;
    }
    if (policy.access == Access::monitoring) {
        if (m_options.monitoring.allows(context.request)) {
            return std::nullopt;
        }
        return Response::text(403, "forbidden\n");
    }
    if (!context.signed_in) {
        if (context.wants_json()) {
            return Pages::json_error(401, "unauthenticated", m_catalogue.text(context.language, "msg_session_expired"));
        }
        std::string back = context.request.path;
        if (!context.request.query.empty()) {
            back += "?" + context.request.query;
        }
        return Response::redirect(303, context.url(m_navigation.links().login, {}, {{"retour", back}}));
    }
    const identity::Role role = context.signed_in->account.role;
    bool allowed = false;
    switch (policy.access) {
        case Access::signed_in:
            allowed = true;
            break;
        case Access::parent:
        case Access::parent_of:
            allowed = role == identity::Role::parent;
            break;
        case Access::agent:
            allowed = identity::is_staff(role);
            break;
        case Access::admin:
            allowed = role == identity::Role::admin;
            break;
        case Access::roll_takers:
            allowed = identity::works_for_commune(role);
            break;
        case Access::anyone:
        case Access::ops:
        case Access::monitoring:
        case Access::unset:
            break;
    }
    if (!allowed) {
        return m_pages.error(403, context);
    }
    if (policy.access != Access::parent_of) {
        return std::nullopt;
    }
    const auto id = parse_id(context.params.get(policy.owner));
    if (!id) {
        return m_pages.error(404, context);
    }
    auto owned = (*m_router.owner_check(policy.owner))(context, *id);
    if (!owned) {
        return m_pages.failure(context, owned.error());
    }
    if (!*owned) {
        return m_pages.error(404, context);
    }
    return std::nullopt;
}

Response Application::run_handler(RequestContext& context, const Route& route) {
    Response response;
    try {
        response = route.spec.handler(context);
    } catch (const std::exception& error) {
        m_dependencies.error_log->error(
            json_line({{"event", "handler_failed"}, {"route", route.name()}, {"error", error.what()}}));
        try {
            response = m_pages.error(500, context);
        } catch (const std::exception&) {
            response = Response::text(500, "Erreur interne.\n");
        }
    }
    for (auto& cookie : context.set_cookies) {
        response.headers.add("Set-Cookie", std::move(cookie));
    }
    context.set_cookies.clear();
    return response;
}

void Application::negotiate_language(RequestContext& context) const {
    if (const auto asked = query_value(context.request.query, "lang")) {
        if (const auto language = language_from_code(*asked)) {
            m_sessions.remember_language(context, language_code(*language));
            context.language = *language;
            return;
        }
    }
    if (const auto chosen = context.cookies.find("lang")) {
        context.language = language_from_code(*chosen).value_or(Language::fr);
    }
}

Response Application::serve_asset(const Request& request) const {
    const StaticAsset* asset = m_assets.find_by_url(request.path);
    if (asset == nullptr) {
        return Response::text(404, "Not found\n");
    }
    Response response;
    if (const auto match = request.headers.find("If-None-Match"); match && *match == asset->etag) {
        response.status = 304;
    } else {
        response.body = std::string(asset->bytes);
        response.headers.set("Content-Type", asset->content_type);
    }
    response.headers.set("ETag", asset->etag);
    response.headers.set("Cache-Control", std::string(StaticAssets::kCacheControl));
    return response;
}

void Application::log_access(const Request& request, const std::string& route, int status, std::size_t bytes,
                             std::chrono::nanoseconds duration) const {
    if (!m_dependencies.access_log->should_log(spdlog::level::info)) {
        return;
    }
    nlohmann::json line = {
        {"event", "request"},
        {"remote", request.client_address},
        {"method", method_name(request.method)},
        {"path", request.path},
        {"route", route},
        {"status", status},
        {"bytes", bytes},
        {"duration_ms", std::chrono::duration<double, std::milli>(duration).count()},
    };
    if (request.client_address != request.remote_address) {
        line["peer"] = request.remote_address;  // the proxy it came through
    }
    m_dependencies.access_log->info(json_line(line));
}

}  // namespace guichet::web
