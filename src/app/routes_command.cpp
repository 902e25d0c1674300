#include "app/routes_command.h"

#include <cstdlib>
#include <filesystem>

#include "app/error_text.h"
#include "app/logging.h"
#include "app/runtime.h"
#include "app/services.h"
#include "app/web_wiring.h"
#include "core/system_clock.h"
#include "storage/migrator.h"

namespace guichet::app {
namespace {

// A folder removed with everything in it when the command ends.
class ScratchFolder {
  public:
    ScratchFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "guichet-routes-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) {
            m_path = pattern;
        }
    }
    ~ScratchFolder() {
        std::error_code ignored;
        if (!m_path.empty()) {
            std::filesystem::remove_all(m_path, ignored);
        }
    }
    [[nodiscard]] const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

}  // namespace

int routes_command(const Config& base, std::ostream& out, std::ostream& err) {
    ScratchFolder scratch;
    if (scratch.path().empty()) {
        err << "error: cannot create a temporary folder\n";
        return 1;
    }
    Config config = base;
    config.database = scratch.path() + "/routes.db";
    core::SystemClock clock;
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    const std::string server_key(32, '\0');
    Services services(**database, clock, config, server_key);
    core::WorkerPool slow_work(1, 1);
    const Logs logs = make_logs("off");
    auto application =
        build_web_application(services, clock, config, logs, slow_work, server_key, [] { return core::Status{}; });
    for (const web::Route& route : application->router().routes()) {
        const web::RouteSpec& spec = route.spec;
        out << method_name(spec.method) << "\t" << spec.pattern << "\t" << spec.name << "\t" << spec.policy.describe()
            << "\t" << (spec.format == web::Format::json ? "json" : "page")
            << (spec.execution == web::Execution::worker_pool ? ",slow" : "") << "\n";
    }
    return 0;
}

}  // namespace guichet::app
