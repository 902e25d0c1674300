#pragma once

#include <map>

#include "identity/account_input.h"
#include "identity/identity_context.h"

namespace guichet::identity {

// "Créer mon espace": sign-up, the confirmation link, and asking for a new one.
class RegistrationService {
  public:
    explicit RegistrationService(IdentityContext context) : m_context(context) {}

    // Creates an inactive account and mails a confirmation link (24 h). The form must have passed validate_signup.
    // A taken username is a field error; a taken email is NOT reported (that would tell a stranger who has an
    // account): the owner of that address is mailed "you already have an account" instead, and the caller shows
    // the same page as for a real sign-up. Limited per network address (throttled "err_signups_throttled") and per
    // destination (field error "err_mail_quota" on the email, the same for a taken address). Returns field errors,
    // or an error when storage fails or the address is throttled.
    [[nodiscard]] core::Result<FieldErrors> sign_up(core::CommuneId commune, const SignupForm& form,
                                                    const RequestOrigin& origin, const MailContext& mail);

    // Activates the account of a confirmation link and returns it. Returns invalid_input when the link is unknown,
    // used or expired.
    [[nodiscard]] core::Result<Account> confirm_email(core::CommuneId commune, std::string_view token,
                                                      const RequestOrigin& origin);

    // Mails a new confirmation link when this address belongs to an account still waiting for confirmation; does
    // nothing otherwise, and says nothing either way.
    [[nodiscard]] core::Status resend_confirmation(core::CommuneId commune, std::string_view email,
                                                   const RequestOrigin& origin, const MailContext& mail);

    // Returns true when the token is a live link of that purpose (for showing its page before it is used).
    [[nodiscard]] core::Result<bool> token_is_usable(core::CommuneId commune, std::string_view token,
                                                     TokenPurpose purpose);

  private:
    IdentityContext m_context;
};

// Activates the account of a confirmation link inside the caller's transaction and returns it (the step that
// confirms the address and links the clé enfance typed at sign-up runs it with the linking, in one transaction).
// Returns invalid_input "err_token_invalid" when the link is unknown, used or expired.
[[nodiscard]] core::Result<Account> confirm_email_in(Transaction& tx, core::CommuneId commune, std::string_view token,
                                                     const RequestOrigin& origin, core::Instant now);

// Issues a single-use token of a purpose for an account (revoking the older ones), queues the mail that carries it,
// and returns the token. Used by every service that sends a link.
[[nodiscard]] core::Result<std::string> issue_link(Transaction& tx, const Account& account, TokenPurpose purpose,
                                                   const std::string& to, const std::string& template_name,
                                                   const MailContext& mail, core::Instant now,
                                                   const std::string& new_email = {},
                                                   std::map<std::string, std::string> extra = {});

// Queues a mail to an account without a link.
[[nodiscard]] core::Status queue_mail(Transaction& tx, const Account& account, const std::string& to,
                                      const std::string& template_name, const MailContext& mail,
                                      std::map<std::string, std::string> variables = {});

// Returns false when too many mails went lately to this address, which nobody has proved to own yet (a sign-up, the
// new address of an email change); otherwise counts this one and returns true (SignupLimits::per_unverified_address).
[[nodiscard]] core::Result<bool> unverified_mail_allowed(Transaction& tx, const SignupLimits& limits,
                                                         std::string_view address, core::Instant now);

// Returns false (and records the attempt) when too many mails of this kind went to this account lately.
[[nodiscard]] core::Result<bool> mail_allowed(Transaction& tx, const Account& account, std::string_view purpose,
                                              core::Instant now);

}  // namespace guichet::identity
