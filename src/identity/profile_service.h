#pragma once

#include <vector>

#include "identity/account_input.h"
#include "identity/identity_context.h"

namespace guichet::identity {

// Everything stored about an account, for the RGPD right of access (article 15).
struct AccountDataExport {
    Account account;
    std::vector<Session> sessions;
    std::vector<AuditEvent> events;
};

// "Coordonnées" and "Mes données": contact details, data export, closure request.
class ProfileService {
  public:
    explicit ProfileService(IdentityContext context) : m_context(context) {}

    // Validates and stores new contact details; returns the field errors (nothing is stored when there are some).
    [[nodiscard]] core::Result<FieldErrors> update_contact(const Account& account, const ContactDetails& contact,
                                                           const RequestOrigin& origin);

    // Returns everything stored about the account, and records that it was exported.
    [[nodiscard]] core::Result<AccountDataExport> export_data(const Account& account, const RequestOrigin& origin);

    // Records the wish to close the account, after the explicit confirmation and then the password
    // (Reauthentication: throttled, and not checked at all when the box is not ticked); an admin then confirms it
    // (StaffService::confirm_closure).
    [[nodiscard]] core::Result<FieldErrors> request_closure(const Account& account, std::string_view password,
                                                            bool confirmed, const RequestOrigin& origin);

  private:
    IdentityContext m_context;
};

// Forgets the clé enfance typed at sign-up once the family module has tried it, in the transaction of that attempt:
// it is not kept in clear. When the attempt failed, the field keeps kFailedChildcareKey so that the home page can say
// so. Does nothing for an account without a pending key.
[[nodiscard]] core::Status settle_pending_childcare_key(Transaction& tx, core::CommuneId commune,
                                                        core::AccountId account, bool linked);

}  // namespace guichet::identity
