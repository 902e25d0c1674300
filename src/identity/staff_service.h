#pragma once

#include <string>
#include <vector>

#include "identity/account_input.h"
#include "identity/identity_context.h"

namespace guichet::identity {

struct NewStaffMember {
    std::string email;
    std::string first_name;
    std::string last_name;
    Role role = Role::agent;
};

// The username and the email a closed account keeps ("#closed-42"): neither is a name nor an address anyone can
// type, so no account can hold them beforehand.
[[nodiscard]] std::string closed_account_name(core::AccountId account);

// The town's staff: agent and administrator accounts, and the closures they confirm.
class StaffService {
  public:
    explicit StaffService(IdentityContext context) : m_context(context) {}

    // Creates an agent, admin or site staff account (active, without a password) and mails it an invitation link to
    // choose one (7 days). Returns the link's token, so that the command line can print the link, or field errors
    // (email taken, bad role). `actor` is the admin who created it, empty from the command line; an actor who is not
    // an active admin of the commune gets forbidden.
    [[nodiscard]] core::Result<std::string> create(core::CommuneId commune, const NewStaffMember& member,
                                                   std::optional<core::AccountId> actor, FieldErrors& errors,
                                                   const RequestOrigin& origin, const MailContext& mail);

    [[nodiscard]] core::Result<std::vector<Account>> list(core::CommuneId commune);

    // Makes an agent an admin or the reverse, ends that person's sessions (their rights changed) and records who did
    // it. An admin cannot change his own role (the commune must keep an admin). Returns not_found for someone who is
    // not staff of this commune, forbidden for oneself or for an actor who is not an admin of the commune,
    // invalid_input for a role that is not agent or admin.
    [[nodiscard]] core::Status change_role(core::CommuneId commune, core::AccountId account, Role role,
                                           core::AccountId actor, const RequestOrigin& origin);
    [[nodiscard]] core::Result<std::vector<Account>> closure_requests(core::CommuneId commune);

    // Closes an account whose holder asked for it: personal data is erased (identity, contacts, credentials,
    // sessions, pending links and unsent mails); the account row stays, anonymised, so that invoices and accounting
    // records keep pointing at it. Only an admin of the commune confirms a closure (forbidden otherwise). Returns
    // not_found for an account of another commune or that did not ask.
    [[nodiscard]] core::Status confirm_closure(core::CommuneId commune, core::AccountId account, core::AccountId actor,
                                               const RequestOrigin& origin, const MailContext& mail);

  private:
    IdentityContext m_context;
};

}  // namespace guichet::identity
