#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <functional>
#include <memory>

#include "core/clock.h"
#include "core/result.h"
#include "tenancy/commune_repository.h"
#include "web/commune_directory.h"
#include "web/http.h"
#include "web/i18n.h"
#include "web/metrics.h"
#include "web/page_renderer.h"
#include "web/router.h"
#include "web/security_headers.h"
#include "web/static_assets.h"
#include "web/templates.h"

namespace guichet::web {

struct ApplicationOptions {
    // Largest request body a route accepts; larger ones get a 413 page. The server adapter cuts connections whose
    // body exceeds a hard cap above this.
    std::size_t max_body_bytes = 1024 * 1024;
    Transport transport = Transport::plain_http;
    std::chrono::milliseconds commune_cache_ttl{5000};
};

struct ApplicationDependencies {
    tenancy::CommuneRepository& communes;
    const core::Clock& clock;
    // Returns success when the database answers; /readyz reports it.
    std::function<core::Status()> readiness_probe;
    // Receives one JSON line per request (the access log) and the errors.
    std::shared_ptr<spdlog::logger> access_log;
    std::shared_ptr<spdlog::logger> error_log;
};

// The web application, independent of the HTTP library: turns a complete Request into a Response. Thread-safe.
class Application {
  public:
    Application(ApplicationDependencies dependencies, ApplicationOptions options);

    // Answers one request. Never throws: a failure inside a handler becomes a 500 page and an error log line.
    [[nodiscard]] Response handle(const Request& request);

    // Called at shutdown: /readyz answers 503 so a load balancer stops sending traffic, and responses ask the client
    // to close the connection.
    void begin_draining() { m_draining.store(true); }

    [[nodiscard]] Metrics& metrics() { return m_metrics; }

  private:
    void add_routes();
    [[nodiscard]] Response dispatch(const Request& request, std::string& route_name);
    [[nodiscard]] Response error_page(int status, RequestContext& context, const CommuneEntry* commune);
    [[nodiscard]] Response serve_asset(const Request& request) const;
    [[nodiscard]] Response landing(RequestContext& context);
    [[nodiscard]] Response accessibility(RequestContext& context);
    [[nodiscard]] Response logo(RequestContext& context);
    [[nodiscard]] Response portal_root(RequestContext& context);
    [[nodiscard]] Response readiness() const;
    [[nodiscard]] Language negotiate_language(RequestContext& context) const;
    void log_access(const Request& request, const std::string& route, int status, std::size_t bytes,
                    std::chrono::nanoseconds duration) const;

    ApplicationDependencies m_dependencies;
    ApplicationOptions m_options;
    Catalogue m_catalogue;
    Templates m_templates;
    StaticAssets m_assets;
    PageRenderer m_pages;
    CommuneDirectory m_directory;
    Router m_router;
    Metrics m_metrics;
    std::atomic<bool> m_draining{false};
};

}  // namespace guichet::web
