#pragma once

#include <functional>

#include "core/result.h"
#include "web/request/feature.h"
#include "web/request/metrics.h"

namespace guichet::web {

// The site's operations endpoints, outside any commune: /healthz (the process answers), /readyz (the database
// answers and the process is not draining: a load balancer's signal), /metrics (Prometheus text format).
class OpsFeature final : public Feature {
  public:
    OpsFeature(const Metrics& metrics, std::function<bool()> draining, std::function<core::Status()> readiness_probe)
        : m_metrics(metrics), m_draining(std::move(draining)), m_probe(std::move(readiness_probe)) {}

    void install(Installation& site) override;

  private:
    [[nodiscard]] Response readiness() const;

    const Metrics& m_metrics;
    std::function<bool()> m_draining;
    std::function<core::Status()> m_probe;
};

}  // namespace guichet::web
