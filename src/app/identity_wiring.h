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
#include "storage/database.h"
#include "storage/sql_identity_store.h"

namespace guichet::app {

// The identity module assembled on a database: store, hashing, the password rules (with the common-password lists
// compiled into the binary) and every service. Owns them all; not copyable.
class IdentityWiring {
    // Declared first: the services below are built from these.
    struct Parts;
    std::unique_ptr<Parts> m_parts;
    identity::IdentityContext m_context;

  public:
    IdentityWiring(storage::Database& database, const core::Clock& clock, const Config& config,
                   storage::MailDelivery delivery, std::function<void()> on_mail_queued = {});
    ~IdentityWiring();
    IdentityWiring(const IdentityWiring&) = delete;
    IdentityWiring& operator=(const IdentityWiring&) = delete;

    identity::RegistrationService registration;
    identity::AuthenticationService authentication;
    identity::CredentialService credentials;
    identity::ProfileService profile;
    identity::StaffService staff;

  private:
    static std::unique_ptr<Parts> make_parts(storage::Database& database, const core::Clock& clock,
                                             const Config& config, storage::MailDelivery delivery,
                                             std::function<void()> on_mail_queued);
    static identity::IdentityContext context_of(Parts& parts, const core::Clock& clock, const Config& config);
};

}  // namespace guichet::app
