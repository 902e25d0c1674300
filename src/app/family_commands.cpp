#include "app/family_commands.h"

#include <fstream>
#include <ostream>
#include <sstream>

#include "app/runtime.h"
#include "core/system_clock.h"
#include "core/time_zone.h"
#include "family/household_import.h"
#include "storage/migrator.h"
#include "storage/sql_commune_repository.h"
#include "storage/sql_family_store.h"

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
        err << "error: " << database.error().message << "\n";
        return 1;
    }
    storage::SqlCommuneRepository communes(**database, clock);
    auto commune = communes.find_by_slug(commune_slug);
    if (!commune || !*commune) {
        err << "error: no commune with the slug " << commune_slug << "\n";
        return 3;
    }
    storage::SqlFamilyStore store(
        **database, clock, config.smtp_url.empty() ? storage::MailDelivery::hold : storage::MailDelivery::deliver);
    family::HouseholdImport import(store, clock);
    const auto zone = core::TimeZone::locate((*commune)->time_zone);
    const core::CivilDate today = zone->today(clock.now());
    auto report = import.run(
        (*commune)->id, text.str(), skip_errors, std::nullopt, today,
        [&err](std::size_t done, std::size_t total) { err << "\rhouseholds " << done << "/" << total << std::flush; });
    err << "\n";
    if (!report) {
        err << "error: " << report.error().message << "\n";
        return 1;
    }
    for (const auto& error : report->errors) {
        err << "line " << error.line << (error.column.empty() ? "" : " (" + error.column + ")") << ": "
            << error.message_key << "\n";
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
