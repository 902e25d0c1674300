#pragma once

#include <functional>
#include <memory>

#include "app/config.h"
#include "core/clock.h"
#include "identity/authentication_service.h"
#include "identity/credential_service.h"
#include "identity/profile_service.h"
#include "identity/registration_service.h"
#include "identity/staff_service.h"
#include "identity/transaction.h"

namespace guichet::app {

// The identity module assembled on a unit of work: hashing, the password rules (with the common-password lists
// compiled into the binary) and every service. Owns them all; not copyable.
class IdentityWiring {
    // Declared first: the services below are built from these.
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    identity::IdentityContext m_context;

  public:
    // `server_key`: the server's secret, from which device cookies are signed.
    IdentityWiring(identity::UnitOfWork& work, const core::Clock& clock, const Config& config,
                   const std::string& server_key);
    ~IdentityWiring();
    IdentityWiring(const IdentityWiring&) = delete;
    IdentityWiring& operator=(const IdentityWiring&) = delete;

    identity::RegistrationService registration;
    identity::AuthenticationService authentication;
    identity::CredentialService credentials;
    identity::ProfileService profile;
    identity::StaffService staff;

  private:
    static std::unique_ptr<Parts> make_parts(const Config& config, const std::string& server_key);
    static identity::IdentityContext context_of(Parts& parts, identity::UnitOfWork& work, const core::Clock& clock,
                                                const Config& config);
};

}  // namespace guichet::app
