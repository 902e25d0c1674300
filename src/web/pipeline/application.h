#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/worker_pool.h"
#include "identity/authentication_service.h"
#include "tenancy/commune_repository.h"
#include "web/http/http.h"
#include "web/http/security_headers.h"
#include "web/request/client_address.h"
#include "web/request/commune_directory.h"
#include "web/request/csrf.h"
#include "web/request/feature.h"
#include "web/request/metrics.h"
#include "web/request/navigation.h"
#include "web/request/router.h"
#include "web/request/sessions.h"
#include "web/view/dashboard.h"
#include "web/view/i18n.h"
#include "web/view/kit.h"
#include "web/view/mail_composer.h"
#include "web/view/pages.h"
#include "web/view/static_assets.h"
#include "web/view/templates.h"

namespace guichet::web {

// Who may read /metrics (Access::monitoring): clients from `addresses`, or anyone sending `Authorization: Bearer
// <bearer_token>` when a token is set.
struct MonitoringAccess {
    std::vector<AddressRange> addresses;
    std::string bearer_token;

    [[nodiscard]] bool allows(const Request& request) const;
};

struct ApplicationOptions {
    // Largest request body a route accepts; larger ones get a 413 page. The server adapter cuts connections whose
    // body exceeds a hard cap above this.
    std::size_t max_body_bytes = 1024 * 1024;
    Transport transport = Transport::plain_http;
    std::chrono::milliseconds commune_cache_ttl{5000};
    // The portal's address as families reach it ("https://portail.example"): links in mails are built from it,
    // never from the Host header a client sends, and form posts must come from it.
    std::string public_url = "http://127.0.0.1:8080";
    // From: of every mail.
    std::string mail_from = "Guichet <no-reply@guichet.invalid>";
    // Reverse proxies whose X-Forwarded-For is believed (client_address).
    std::vector<AddressRange> trusted_proxies;
    MonitoringAccess monitoring;
};

struct ApplicationDependencies {
    tenancy::CommuneRepository& communes;
    const core::Clock& clock;
    // Receives one JSON line per request (the access log) and the errors.
    std::shared_ptr<spdlog::logger> access_log;
    std::shared_ptr<spdlog::logger> error_log;
    // Resolves the session cookie of every request of a commune.
    identity::AuthenticationService& authentication;
    // Runs the handlers of routes declared Execution::worker_pool.
    core::WorkerPool& slow_work;
    // The server's secret key (32 bytes), for CSRF tokens.
    std::string server_key;
};

// Receives the response of a request; may be called from another thread than the one that got the request.
using Responder = std::function<void(Response)>;

// The web application, independent of the HTTP library: the pipeline that turns a complete Request into a Response,
// and the features that answer. It parses the path and the cookies once, matches the route, looks the commune up,
// resolves the session, checks the form's origin and CSRF token and the route's declared access policy, then calls
// the feature's handler. Features are installed before the first request; afterwards it is thread-safe.
class Application {
  public:
    Application(ApplicationDependencies dependencies, ApplicationOptions options);
    ~Application();
    Application(const Application&) = delete;
    Application& operator=(const Application&) = delete;

    // What features are built with.
    [[nodiscard]] const Kit& kit() const { return m_kit; }
    [[nodiscard]] Metrics& metrics() { return m_metrics; }

    // Adds a feature: it registers its routes, menu entries and mails now. Before start().
    void install(std::unique_ptr<Feature> feature);

    // Checks that every route can be served (a parent_of policy has its owner check); throws std::logic_error
    // otherwise. After the last install, before the first request.
    void start();

    // Answers one request: calls respond exactly once, at once or later from the worker pool. Never throws: a
    // failure inside a handler becomes a 500 page and an error log line.
    void handle(Request request, Responder respond);

    // Answers one request and waits for the answer (tests, tools).
    [[nodiscard]] Response handle_now(const Request& request);

    // Called at shutdown: /readyz answers 503 so a load balancer stops sending traffic, and responses ask the client
    // to close the connection.
    void begin_draining() { m_draining.store(true); }
    [[nodiscard]] bool draining() const { return m_draining.load(); }

    // Called once the server knows its port, when no public URL was configured.
    void set_public_url(std::string url);

    [[nodiscard]] notify::MailRenderer& mail_renderer() { return m_mail; }
    [[nodiscard]] const Router& router() const { return m_router; }
    [[nodiscard]] const Navigation& navigation() const { return m_navigation; }
    [[nodiscard]] const MailKinds& mail_kinds() const { return m_mail_kinds; }
    // The background jobs the features offer, for the runner.
    [[nodiscard]] const JobKinds& job_kinds() const { return m_job_kinds; }
    [[nodiscard]] const Timers& timers() const { return m_timers; }

  private:
    struct Pending;

    // Everything before the handler; returns the response when the request stops there (route stays null).
    [[nodiscard]] Response dispatch(RequestContext& context, const Route*& route);
    [[nodiscard]] std::optional<Response> check_forgery(RequestContext& context);
    [[nodiscard]] std::optional<Response> check_policy(RequestContext& context, const Route& route);
    [[nodiscard]] Response run_handler(RequestContext& context, const Route& route);
    [[nodiscard]] Response serve_asset(const Request& request) const;
    void negotiate_language(RequestContext& context) const;
    void finish(Pending& pending, Response response);
    // Runs the request's after_response work (once the answer has been handed to the server) and logs failures.
    void run_after_response(const Pending& pending, RequestContext& context);
    void log_access(const Request& request, const std::string& route, int status, std::size_t bytes,
                    std::chrono::nanoseconds duration) const;

    ApplicationDependencies m_dependencies;
    ApplicationOptions m_options;
    Catalogue m_catalogue;
    Templates m_templates;
    StaticAssets m_assets;
    Router m_router;
    Navigation m_navigation;
    MailKinds m_mail_kinds;
    JobKinds m_job_kinds;
    Timers m_timers;
    CommuneDirectory m_directory;
    CsrfGuard m_csrf;
    Sessions m_sessions;
    Pages m_pages;
    Dashboard m_dashboard;
    MailComposer m_mail;
    Metrics m_metrics;
    Kit m_kit;
    std::vector<std::unique_ptr<Feature>> m_features;
    std::atomic<bool> m_draining{false};
};

}  // namespace guichet::web
