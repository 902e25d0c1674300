#include "app/identity_wiring.h"

#include "web/view/embedded_files.h"

namespace guichet::app {

struct IdentityWiring::Parts {
    identity::PasswordHasher hasher;
    identity::DeviceCookies devices;
    identity::CommonPasswords common;
    identity::PasswordPolicy policy{common};
};

std::unique_ptr<IdentityWiring::Parts> IdentityWiring::make_parts(const Config& config, const std::string& server_key) {
    auto parts = std::unique_ptr<Parts>(
        new Parts{identity::PasswordHasher({config.argon2_passes, config.argon2_memory_kib * 1024}),
                  identity::DeviceCookies(server_key), identity::CommonPasswords{}});
    for (const auto& file : web::embedded_files()) {
        if (file.path.rfind("passwords/", 0) == 0) {
            parts->common.add_list(file.bytes);
        }
    }
    return parts;
}

identity::IdentityContext IdentityWiring::context_of(Parts& parts, identity::UnitOfWork& work, const core::Clock& clock,
                                                     const Config& config) {
    identity::SessionPolicy sessions;
    sessions.idle = std::chrono::minutes(config.session_idle_minutes);
    sessions.absolute = std::chrono::hours(config.session_absolute_hours);
    identity::SignupLimits signups;
    signups.per_address =
        identity::at_most(static_cast<int>(config.signups_per_address_per_hour), std::chrono::hours(1));
    signups.per_unverified_address =
        identity::at_most(static_cast<int>(config.mails_per_unverified_address_per_day), std::chrono::hours(24));
    return identity::IdentityContext{work, clock, parts.hasher, parts.policy, parts.devices, sessions, signups};
}

IdentityWiring::IdentityWiring(identity::UnitOfWork& work, const core::Clock& clock, const Config& config,
                               const std::string& server_key)
    : m_parts(make_parts(config, server_key)),
      m_context(context_of(*m_parts, work, clock, config)),
      registration(m_context),
      authentication(m_context),
      credentials(m_context),
      profile(m_context),
      staff(m_context) {}

IdentityWiring::~IdentityWiring() = default;

}  // namespace guichet::app
