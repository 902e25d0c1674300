#include "app/agent_commands.h"

#include <ostream>

#include "app/identity_wiring.h"
#include "app/runtime.h"
#include "core/system_clock.h"
#include "storage/migrator.h"
#include "storage/sql_commune_repository.h"

namespace guichet::app {

int agent_add(const Config& config, const AgentAddInput& input, std::ostream& out, std::ostream& err) {
    core::SystemClock clock;
    auto database = open_migrated_database(config, clock);
    if (!database) {
        err << "error: " << database.error().message << "\n";
        return 1;
    }
    storage::SqlCommuneRepository communes(**database, clock);
    auto commune = communes.find_by_slug(input.commune);
    if (!commune) {
        err << "error: " << commune.error().message << "\n";
        return 1;
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
    IdentityWiring identity(**database, clock, config,
                            config.smtp_url.empty() ? storage::MailDelivery::hold : storage::MailDelivery::deliver);
    const std::string public_url =
        config.public_url.empty() ? "http://127.0.0.1:" + std::to_string(config.port) : config.public_url;
    const std::string base = public_url + "/" + (*commune)->slug + "/";
    identity::FieldErrors errors;
    auto token = identity.staff.create((*commune)->id, {input.email, input.first_name, input.last_name, *role},
                                       std::nullopt, errors, {"command line", "guichet agent add"}, {base, "fr"});
    if (!token) {
        err << "error: " << token.error().message << "\n";
        return 1;
    }
    if (!errors.empty()) {
        for (const auto& error : errors) {
            err << "error (" << error.field << "): " << error.message_key << "\n";
        }
        return 2;
    }
    out << "Created " << input.role << " " << input.email << " for " << (*commune)->name << ".\n"
        << "One-time link to choose a password (valid 7 days):\n"
        << base << "definir-mot-de-passe?jeton=" << *token << "\n";
    return 0;
}

}  // namespace guichet::app
