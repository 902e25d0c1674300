#pragma once

#include <string_view>

#include "identity/account_input.h"
#include "identity/identity_context.h"

namespace guichet::identity {

// Asking a signed-in person for his current password again, before a change that matters (username, address,
// password, closure). It is the only way to check an account's password after sign-in (PasswordHasher::verify is
// reachable from here and from AuthenticationService::login only), so that no form can become a password oracle:
//   - throttled per account with growing delays (kAccountThrottle, key "reauth:<account>"): someone holding a stolen
//     session cannot try passwords without limit; a blocked attempt is not checked at all;
//   - callers check every other field of their form first and call this last, only when the rest is valid, so that
//     the answer to a right or wrong password never comes with nothing done.
class Reauthentication {
  public:
    explicit Reauthentication(IdentityContext context) : m_context(context) {}

    // Returns true when `password` is the account's current password. Otherwise adds one error on the
    // "current_password" field and returns false: err_required (empty), err_reauth_throttled (too many failures lately:
    // the password was not checked), err_current_password (wrong; the failure is counted). Slow (one hash): call it
    // from the worker pool. Returns an error when storage fails.
    [[nodiscard]] core::Result<bool> confirm(const Account& account, std::string_view password,
                                             const RequestOrigin& origin, FieldErrors& errors) const;

  private:
    IdentityContext m_context;
};

}  // namespace guichet::identity
