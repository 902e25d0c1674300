#include "app/timers_command.h"

#include "app/error_text.h"
#include "app/logging.h"
#include "app/runtime.h"
#include "app/services.h"
#include "app/timer_runner.h"
#include "app/web_wiring.h"
#include "core/system_clock.h"
#include "core/worker_pool.h"
#include "storage/server_key.h"

namespace guichet::app {

int timers_command(const Config& config, bool list, const std::vector<std::string>& names,
                   const std::optional<std::string>& at_text, std::ostream& out, std::ostream& err) {
    core::SystemClock clock;
    core::Instant at = clock.now();
    if (at_text) {
        auto parsed = core::instant_from_iso_utc(*at_text);
        if (!parsed) {
            err << "error (--at): an ISO 8601 instant in UTC is expected: 2026-11-10T17:00:00Z\n";
            return 2;
        }
        at = *parsed;
    }
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    auto server_key = storage::load_or_create_server_key(**database);
    if (!server_key) {
        return report_error(server_key.error(), err);
    }
    Services services(**database, clock, config, *server_key);
    core::WorkerPool slow_work(1, 1);
    const Logs logs = make_logs("off");
    auto application =
        build_web_application(services, clock, config, logs, slow_work, *server_key, [] { return core::Status{}; });
    if (list) {
        for (const web::Timer* timer : application->timers().all()) {
            out << timer->name << "\t" << timer->every.count() << "\n";
        }
        return 0;
    }
    return run_timers(application->timers(), names, at, out, err);
}

}  // namespace guichet::app
