#include "app/tenant_commands.h"

#include <fstream>
#include <ostream>
#include <sstream>

#include "app/error_text.h"
#include "app/runtime.h"
#include "core/system_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "tenancy/commune_service.h"

namespace guichet::app {
namespace {

core::Result<tenancy::Logo> read_logo(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return core::fail(
            core::make_error(core::ErrorCode::invalid_input, "err_logo_unreadable", "logo").with("path", path));
    }
    std::ostringstream bytes;
    bytes << file.rdbuf();
    const std::string data = bytes.str();
    // The content decides the type, not the file name.
    if (data.rfind("\x89PNG\r\n\x1a\n", 0) == 0)
        return tenancy::Logo{"image/png", data};
    if (data.rfind("\xff\xd8\xff", 0) == 0)
        return tenancy::Logo{"image/jpeg", data};
    if (data.find("<svg") != std::string::npos)
        return tenancy::Logo{"image/svg+xml", data};
    return core::fail(core::ErrorCode::invalid_input, "err_logo_type", "logo");
}

void print_commune(const tenancy::Commune& commune, std::ostream& out) {
    out << "slug:       " << commune.slug << "\n"
        << "name:       " << commune.name << "\n"
        << "time zone:  " << commune.time_zone << "\n"
        << "service:    " << commune.contact.service << "\n"
        << "address:    " << commune.contact.address << "\n"
        << "postal:     " << commune.contact.postal << "\n"
        << "phone:      " << commune.contact.phone << "\n"
        << "email:      " << commune.contact.email << "\n"
        << "hours:      " << commune.contact.opening_hours << "\n"
        << "logo:       " << (commune.logo ? commune.logo->media_type : std::string("(default)")) << "\n"
        << "portal:     /" << commune.slug << "/\n";
}

}  // namespace

int tenant_create(const Config& config, const TenantCreateInput& input, std::ostream& out, std::ostream& err) {
    core::SystemClock clock;
    tenancy::NewCommune commune = input.commune;
    if (!input.logo_file.empty()) {
        auto logo = read_logo(input.logo_file);
        if (!logo) {
            return report_error(logo.error(), err);
        }
        commune.logo = std::move(*logo);
    }
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    storage::SqlCommuneRepository repository(**database, clock);
    tenancy::CommuneService service(repository);
    auto created = service.create(commune);
    if (!created) {
        return report_error(created.error(), err);
    }
    out << "Created commune " << created->name << " at /" << created->slug << "/\n";
    return 0;
}

int tenant_list(const Config& config, std::ostream& out, std::ostream& err) {
    core::SystemClock clock;
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    storage::SqlCommuneRepository repository(**database, clock);
    auto all = repository.list();
    if (!all) {
        return report_error(all.error(), err);
    }
    for (const auto& commune : *all) {
        out << commune.slug << "\t" << commune.name << "\n";
    }
    return 0;
}

int tenant_show(const Config& config, const std::string& slug, std::ostream& out, std::ostream& err) {
    core::SystemClock clock;
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    storage::SqlCommuneRepository repository(**database, clock);
    auto found = repository.find_by_slug(slug);
    if (!found) {
        return report_error(found.error(), err);
    }
    if (!*found) {
        err << "error: no commune with the slug " << slug << "\n";
        return 3;
    }
    print_commune(**found, out);
    return 0;
}

int migrate_command(const Config& config, bool status_only, std::ostream& out, std::ostream& err) {
    core::SystemClock clock;
    auto database = open_database(config, 1);
    if (!database) {
        return report_error(database.error(), err);
    }
    storage::Migrator migrator(**database, clock);
    if (status_only) {
        auto states = migrator.states();
        if (!states) {
            return report_error(states.error(), err);
        }
        for (const auto& state : *states) {
            out << state.version << "\t" << state.name << "\t" << (state.applied ? "applied" : "pending") << "\n";
        }
        return 0;
    }
    auto applied = migrator.apply_pending();
    if (!applied) {
        return report_error(applied.error(), err);
    }
    out << "Applied " << *applied << " migration(s) to " << (*database)->url().redacted << "\n";
    return 0;
}

}  // namespace guichet::app
