#include "app/family_commands.h"

#include <fstream>
#include <ostream>
#include <sstream>

#include "app/commune_command.h"
#include "core/time_zone.h"

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
    return with_commune(
        config, commune_slug, err, [&](Services& services, const tenancy::Commune& commune, const core::Clock& clock) {
            const auto zone = core::TimeZone::locate(commune.time_zone);
            const core::CivilDate today = zone->today(clock.now());
            auto report = services.household_import.run(
                commune.id, text.str(), skip_errors, std::nullopt, today, [&err](std::size_t done, std::size_t total) {
                    err << "\rhouseholds " << done << "/" << total << std::flush;
                });
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
        });
}

}  // namespace guichet::app
