#pragma once

#include <functional>
#include <memory>

#include "app/config.h"
#include "app/logging.h"
#include "app/services.h"
#include "core/worker_pool.h"
#include "web/pipeline/application.h"

namespace guichet::app {

// The web application with every feature installed, on the services of one database. The one place a feature is
// added: one line in web_wiring.cpp.
[[nodiscard]] std::unique_ptr<web::Application> build_web_application(Services& services, const core::Clock& clock,
                                                                      const Config& config, const Logs& logs,
                                                                      core::WorkerPool& slow_work,
                                                                      const std::string& server_key,
                                                                      std::function<core::Status()> readiness_probe);

}  // namespace guichet::app
