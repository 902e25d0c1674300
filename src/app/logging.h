#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace guichet::app {

// The two structured logs: "access" (one JSON line per request, on standard output) and "guichet" (start-up,
// shutdown and errors, on standard error). Each line is a JSON object: {"time":…,"level":…,"log":…,"data":{…}}.
struct Logs {
    std::shared_ptr<spdlog::logger> access;
    std::shared_ptr<spdlog::logger> events;
};

// Creates both logs at the given level ("debug", "info", "warn", "error"); an unknown level means "info".
[[nodiscard]] Logs make_logs(const std::string& level);

}  // namespace guichet::app
