#include "app/agent_commands.h"

#include <ostream>

#include "app/commune_command.h"
#include "app/error_text.h"
#include "app/runtime.h"
#include "app/services.h"
#include "core/system_clock.h"
#include "storage/server_key.h"

namespace guichet::app {

int agent_add(const Config& config, const AgentAddInput& input, std::ostream& out, std::ostream& err) {
    return with_commune(
        config, input.commune, err, [&](Services& services, const tenancy::Commune& commune, const core::Clock&) {
            const auto role = identity::role_from_name(input.role);
            if (!role || !identity::works_for_commune(*role)) {
                err << "error (role): the role must be agent, admin or site_staff\n";
                return 2;
            }
            identity::FieldErrors errors;
            auto token =
                services.identity.staff.create(commune.id, {input.email, input.first_name, input.last_name, *role},
                                               std::nullopt, errors, {"command line", "guichet agent add"}, {"fr"});
            if (!token) {
                return report_error(token.error(), err);
            }
            if (!errors.empty()) {
                for (const auto& error : errors) {
                    err << "error (" << error.field
                        << "): " << error_text(core::make_error(core::ErrorCode::invalid_input, error.message_key))
                        << "\n";
                }
                return 2;
            }
            const std::string public_url =
                config.public_url.empty() ? "http://127.0.0.1:" + std::to_string(config.port) : config.public_url;
            out << "Created " << input.role << " " << input.email << " for " << commune.name << ".\n"
                << "One-time link to choose a password (valid 7 days):\n"
                << public_url << "/" << commune.slug << "/definir-mot-de-passe?jeton=" << *token << "\n";
            return 0;
        });
}

}  // namespace guichet::app
