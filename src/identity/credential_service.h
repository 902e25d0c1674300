#pragma once

#include <optional>
#include <string>

#include "identity/account_input.h"
#include "identity/authentication_service.h"
#include "identity/identity_context.h"
#include "identity/reauthentication.h"

namespace guichet::identity {

// Forgotten passwords and "Mon compte": username, email and password changes. Every change is audited and mailed to
// the account's address, so that a hijacked account is noticed.
class CredentialService {
  public:
    explicit CredentialService(IdentityContext context)
        : m_context(context), m_authentication(context), m_reauthentication(context) {}

    // Mails a reset link (30 min) when the address belongs to an open account; says nothing either way.
    [[nodiscard]] core::Status request_password_reset(core::CommuneId commune, std::string_view email,
                                                      const RequestOrigin& origin, const MailContext& mail);

    // Sets a new password through a reset link (purpose password_reset) or an invitation link (set_password). Ends
    // every session of the account. Returns field errors for the password, invalid_input "err_token_invalid" for a
    // dead link.
    [[nodiscard]] core::Result<FieldErrors> reset_password(core::CommuneId commune, std::string_view token,
                                                           TokenPurpose purpose, std::string_view new_password,
                                                           const RequestOrigin& origin, const MailContext& mail);

    // The changes below ask for the current password (Reauthentication), checked only once the rest of the form is
    // valid: a field error on the new value comes alone, with the password unchecked.

    // Changes the password after checking the current one; ends every session and returns a new session token for
    // the browser that made the change.
    [[nodiscard]] core::Result<std::string> change_password(const Account& account, std::string_view current,
                                                            std::string_view replacement, FieldErrors& errors,
                                                            const RequestOrigin& origin, const MailContext& mail);

    [[nodiscard]] core::Status change_username(const Account& account, std::string_view current_password,
                                               std::string_view username, FieldErrors& errors,
                                               const RequestOrigin& origin, const MailContext& mail);

    // Mails a confirmation link to the new address (which replaces the old one only once confirmed) and a notice
    // to the old one. When the new address already has an account, its owner is told instead, and the answer is
    // the same.
    [[nodiscard]] core::Status change_email(const Account& account, std::string_view current_password,
                                            std::string_view email, FieldErrors& errors, const RequestOrigin& origin,
                                            const MailContext& mail);

    // Applies an email change link. Returns invalid_input "err_token_invalid" for a dead link.
    [[nodiscard]] core::Status confirm_email_change(core::CommuneId commune, std::string_view token,
                                                    const RequestOrigin& origin, const MailContext& mail);

    [[nodiscard]] const PasswordPolicy& policy() const { return m_context.policy; }

    // Returns the address waiting for confirmation for this account, if any.
    [[nodiscard]] core::Result<std::optional<std::string>> pending_email(const Account& account);

  private:
    IdentityContext m_context;
    AuthenticationService m_authentication;
    Reauthentication m_reauthentication;
};

// Revokes the email-change and password-reset links of an account (after its password changed).
[[nodiscard]] core::Status revoke_credential_links(Transaction& tx, core::AccountId account, core::Instant now);

}  // namespace guichet::identity
