#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "identity/account.h"
#include "identity/account_token.h"
#include "identity/session.h"

namespace guichet::identity {

// Accounts, single-use links and sessions, inside the transaction of the business step that holds this store (see
// identity::Transaction). Every lookup is scoped by commune: nothing here crosses tenants.
class IdentityStore {
  public:
    virtual ~IdentityStore() = default;

    // Accounts. Lookups by username or email compare the ASCII-lowercased value.
    [[nodiscard]] virtual core::Result<std::optional<Account>> find_account(core::CommuneId commune,
                                                                            core::AccountId id) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Account>> find_account_by_login(core::CommuneId commune,
                                                                                     std::string_view login) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Account>> find_account_by_email(core::CommuneId commune,
                                                                                     std::string_view email) = 0;
    [[nodiscard]] virtual core::Result<bool> username_taken(core::CommuneId commune, std::string_view username) = 0;
    // Inserts and returns the new id; conflict when the username or email is taken.
    [[nodiscard]] virtual core::Result<core::AccountId> insert_account(const Account& account) = 0;
    [[nodiscard]] virtual core::Status update_account(const Account& account) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Account>> list_accounts(core::CommuneId commune,
                                                                           std::vector<Role> roles) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Account>> list_closure_requests(core::CommuneId commune) = 0;

    // Single-use tokens.
    [[nodiscard]] virtual core::Status insert_token(const AccountToken& token) = 0;
    [[nodiscard]] virtual core::Result<std::optional<AccountToken>> find_token(core::CommuneId commune,
                                                                               std::string_view digest) = 0;
    // Marks a token used; fails with invalid_input "err_token_invalid" when it was used already (by a concurrent
    // request), so that a link really works once.
    [[nodiscard]] virtual core::Status mark_token_used(std::string_view digest, core::Instant at) = 0;
    // Marks every unused token of this purpose for the account as used (revoked).
    [[nodiscard]] virtual core::Status revoke_tokens(core::AccountId account, TokenPurpose purpose,
                                                     core::Instant at) = 0;
    [[nodiscard]] virtual core::Status delete_tokens_of(core::AccountId account) = 0;
    // Returns the newest unused email_change token of the account that is still valid at `now`, if any.
    [[nodiscard]] virtual core::Result<std::optional<AccountToken>> pending_email_change(core::AccountId account,
                                                                                         core::Instant now) = 0;

    // Sessions.
    [[nodiscard]] virtual core::Status insert_session(const Session& session) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Session>> find_session(core::CommuneId commune,
                                                                            std::string_view digest) = 0;
    // Returns the session of this commune with this digest and its account, read together (one query: every
    // signed-in page asks it), or std::nullopt when there is no such session.
    [[nodiscard]] virtual core::Result<std::optional<std::pair<Session, Account>>> find_session_with_account(
        core::CommuneId commune, std::string_view digest) = 0;
    [[nodiscard]] virtual core::Status touch_session(std::string_view digest, core::Instant at) = 0;
    [[nodiscard]] virtual core::Status delete_session(std::string_view digest) = 0;
    [[nodiscard]] virtual core::Status delete_sessions_of(core::AccountId account) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Session>> sessions_of(core::AccountId account) = 0;
};

}  // namespace guichet::identity
