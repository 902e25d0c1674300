#include "app/agent_commands.h"

#include <ostream>

#include "app/error_text.h"
#include "app/runtime.h"
#include "app/services.h"
#include "core/system_clock.h"
#include "storage/server_key.h"

namespace guichet::app {

int agent_add(const Config& config, const AgentAddInput& input, std::ostream& out, std::ostream& err) {
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
    auto commune = services.communes.find_by_slug(input.commune);
    if (!commune) {
        return report_error(commune.error(), err);
    }
    if (!*commune) {
        err << "error: no commune with the slug " << input.commune << "\n";
        return 3;
    }
    const auto role = identity::role_from_name(input.role);
    if (!role || !identity::is_staff(*role)) {
        err << "error (role): the role must be agent or admin\n";
        return 2;
    }
    identity::FieldErrors errors;
    auto token = services.identity.staff.create((*commune)->id, {input.email, input.first_name, input.last_name, *role},
                                                std::nullopt, errors, {"command line", "guichet agent add"}, {"fr"});
    if (!token) {
        return report_error(token.error(), err);
    }
    if (!errors.empty()) {
        for (const auto& error : errors) {
            err << "error (" << error.field
                << "): " << error_text(core::make_error(core::ErrorCode::invalid_input, error.message_key)) << "\n";
        }
        return 2;
    }
    const std::string public_url =
        config.public_url.empty() ? "http://127.0.0.1:" + std::to_string(config.port) : config.public_url;
    out << "Created " << input.role << " " << input.email << " for " << (*commune)->name << ".\n"
        << "One-time link to choose a password (valid 7 days):\n"
        << public_url << "/" << (*commune)->slug << "/definir-mot-de-passe?jeton=" << *token << "\n";
    return 0;
}

}  // namespace guichet::app
