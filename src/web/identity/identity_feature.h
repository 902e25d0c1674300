#pragma once

#include "web/identity/account_pages.h"
#include "web/identity/identity_api.h"
#include "web/identity/profile_pages.h"
#include "web/identity/staff_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// Accounts on the web: sign-up, confirmation, sign-in, passwords (AccountPages), the person's own pages
// (ProfilePages), the staff's back office (StaffPages) and the account's JSON API (IdentityApi).
class IdentityFeature final : public Feature {
  public:
    IdentityFeature(const Kit& kit, IdentityServices identity, family::FamilyService& family,
                    notify::OutboxRepository& outbox, notify::MailRenderer& mails, bool mail_delivery)
        : m_accounts(kit, identity, family),
          m_profile(kit, identity),
          m_staff(kit, identity, outbox, mails, mail_delivery),
          m_api(kit, identity) {}

    void install(Installation& site) override {
        m_accounts.add_routes(site);
        m_profile.add_routes(site);
        m_staff.add_routes(site);
        m_api.add_routes(site);
    }

  private:
    AccountPages m_accounts;
    ProfilePages m_profile;
    StaffPages m_staff;
    IdentityApi m_api;
};

}  // namespace guichet::web
