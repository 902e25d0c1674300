#include "web/ops/ops_feature.h"

namespace guichet::web {

void OpsFeature::install(Installation& site) {
    const auto ops = [&site](const char* path, const char* name, Handler handler, Policy policy = Policy::ops()) {
        site.routes.add({Method::get, path, name, std::move(policy), Scope::site, Format::html,
                         Execution::network_thread, 0, std::move(handler)});
    };
    ops("/healthz", "ops.healthz", [](RequestContext&) { return Response::text(200, "ok\n"); });
    ops("/readyz", "ops.readyz", [this](RequestContext&) { return readiness(); });
    // Route names, counts and timings tell an outsider more than he should know: for the monitoring only.
    ops(
        "/metrics", "ops.metrics",
        [this](RequestContext&) {
            Response response = Response::text(200, m_metrics.render_prometheus());
            response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            return response;
        },
        Policy::monitoring());
}

Response OpsFeature::readiness() const {
    if (m_draining()) {
        return Response::text(503, "draining\n");
    }
    if (!m_probe()) {
        return Response::text(503, "database unavailable\n");
    }
    return Response::text(200, "ready\n");
}

}  // namespace guichet::web
