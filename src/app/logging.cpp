#include "app/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace guichet::app {
namespace {

std::shared_ptr<spdlog::logger> make_logger(const std::string& name, spdlog::sink_ptr sink,
                                            spdlog::level::level_enum level) {
    auto logger = std::make_shared<spdlog::logger>(name, std::move(sink));
    // Messages are JSON objects already; the pattern wraps them with time (UTC), level and log name.
    logger->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","log":"%n","data":%v})", spdlog::pattern_time_type::utc));
    logger->set_level(level);
    logger->flush_on(spdlog::level::info);
    return logger;
}

}  // namespace

Logs make_logs(const std::string& level) {
    auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off") {
        parsed = spdlog::level::info;
    }
    return Logs{make_logger("access", std::make_shared<spdlog::sinks::stdout_sink_mt>(), parsed),
                make_logger("guichet", std::make_shared<spdlog::sinks::stderr_sink_mt>(), parsed)};
}

}  // namespace guichet::app
