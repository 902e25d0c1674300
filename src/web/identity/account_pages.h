#pragma once

#include "family/family_service.h"
#include "identity/authentication_service.h"
#include "identity/credential_service.h"
#include "identity/profile_service.h"
#include "identity/registration_service.h"
#include "identity/staff_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The identity use cases the pages of web/identity/ call.
struct IdentityServices {
    identity::RegistrationService& registration;
    identity::AuthenticationService& authentication;
    identity::CredentialService& credentials;
    identity::ProfileService& profile;
    identity::StaffService& staff;
};

// "Créer mon espace", the confirmation link, sign-in and sign-out, forgotten passwords and invitation links: the
// pages anyone may open. Registers the site's sign-in, sign-up and sign-out links and the mails they send.
class AccountPages final : public FeaturePages {
  public:
    AccountPages(const Kit& kit, IdentityServices identity, family::FamilyService& family)
        : FeaturePages(kit), m_identity(identity), m_family(family) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response signup_form(RequestContext& context);
    [[nodiscard]] Response signup_submit(RequestContext& context);
    [[nodiscard]] Response confirm_email_form(RequestContext& context);
    [[nodiscard]] Response confirm_email_submit(RequestContext& context);
    [[nodiscard]] Response resend_form(RequestContext& context);
    [[nodiscard]] Response resend_submit(RequestContext& context);
    [[nodiscard]] Response login_form(RequestContext& context);
    [[nodiscard]] Response login_submit(RequestContext& context);
    [[nodiscard]] Response logout(RequestContext& context);
    [[nodiscard]] Response forgot_form(RequestContext& context);
    [[nodiscard]] Response forgot_submit(RequestContext& context);
    [[nodiscard]] Response reset_form(RequestContext& context, identity::TokenPurpose purpose);
    [[nodiscard]] Response reset_submit(RequestContext& context, identity::TokenPurpose purpose);

    IdentityServices m_identity;
    family::FamilyService& m_family;
};

}  // namespace guichet::web
