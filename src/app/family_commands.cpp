#include "app/family_commands.h"

#include <fstream>
#include <ostream>
#include <sstream>

#include "app/error_text.h"
#include "app/runtime.h"
#include "app/services.h"
#include "core/system_clock.h"
#include "core/time_zone.h"
#include "storage/server_key.h"

namespace guichet::app {

int family_import(const Config& config, const std::string& commune_slug, const std::string& file, bool skip_errors,
                  std::ostream& out, std::ostream& err) {
    std::ifstream input(file, std::ios::binary);
    if (!input) {
        err << "error: cannot read " << file << "\n";
        return 2;
    }
    std::ostringstream text;
    text << input.rdbuf();
    core::SystemClock clock;
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    auto server_key = storage::load_or_create_server_key(**database);
    if (!server_key) {
        return report_error(server_key.error(), err);
    }
    Services services(**database, clock, config, *server_key);
    auto commune = services.communes.find_by_slug(commune_slug);
    if (!commune || !*commune) {
        err << "error: no commune with the slug " << commune_slug << "\n";
        return 3;
    }
    const auto zone = core::TimeZone::locate((*commune)->time_zone);
    const core::CivilDate today = zone->today(clock.now());
    auto report = services.household_import.run(
        (*commune)->id, text.str(), skip_errors, std::nullopt, today,
        [&err](std::size_t done, std::size_t total) { err << "\rhouseholds " << done << "/" << total << std::flush; });
    err << "\n";
    if (!report) {
        return report_error(report.error(), err);
    }
    for (const auto& error : report->errors) {
        err << "line " << error.line << (error.column.empty() ? "" : " (" + error.column + ")") << ": "
            << error_text(core::make_error(core::ErrorCode::invalid_input, error.message_key)) << "\n";
    }
    if (!report->imported) {
        err << "Nothing imported: " << report->errors.size()
            << " error(s). Fix the file, or use --skip-errors to import the valid households.\n";
        return 2;
    }
    out << "Imported " << report->households << " household(s) and " << report->children << " child(ren)";
    if (!report->errors.empty()) {
        out << "; " << report->errors.size() << " line(s) skipped";
    }
    out << ".\n";
    return 0;
}

}  // namespace guichet::app
