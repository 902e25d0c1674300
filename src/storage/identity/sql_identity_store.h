#pragma once

#include <soci/soci.h>

#include "identity/identity_store.h"
#include "storage/database_url.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// identity::IdentityStore on one SQL transaction (both backends): accounts, single-use links and sessions. Handed out
// by the unit of work (storage/unit_of_work.h); lives as long as its transaction.
class SqlIdentityStore final : public identity::IdentityStore {
  public:
    SqlIdentityStore(soci::session& session, Backend backend, StatementCache& statements)
        : m_session(session), m_backend(backend), m_statements(statements) {}

    core::Result<std::optional<identity::Account>> find_account(core::CommuneId commune, core::AccountId id) override;
    core::Result<std::optional<identity::Account>> find_account_by_login(core::CommuneId commune,
                                                                         std::string_view login) override;
    core::Result<std::optional<identity::Account>> find_account_by_email(core::CommuneId commune,
                                                                         std::string_view email) override;
    core::Result<bool> username_taken(core::CommuneId commune, std::string_view username) override;
    core::Result<core::AccountId> insert_account(const identity::Account& account) override;
    core::Status update_account(const identity::Account& account) override;
    core::Result<std::vector<identity::Account>> list_accounts(core::CommuneId commune,
                                                               std::vector<identity::Role> roles) override;
    core::Result<std::vector<identity::Account>> list_closure_requests(core::CommuneId commune) override;
    core::Status insert_token(const identity::AccountToken& token) override;
    core::Result<std::optional<identity::AccountToken>> find_token(core::CommuneId commune,
                                                                   std::string_view digest) override;
    core::Status mark_token_used(std::string_view digest, core::Instant at) override;
    core::Status revoke_tokens(core::AccountId account, identity::TokenPurpose purpose, core::Instant at) override;
    core::Status delete_tokens_of(core::AccountId account) override;
    core::Result<std::optional<identity::AccountToken>> pending_email_change(core::AccountId account,
                                                                             core::Instant now) override;
    core::Status insert_session(const identity::Session& session) override;
    core::Result<std::optional<identity::Session>> find_session(core::CommuneId commune,
                                                                std::string_view digest) override;
    core::Result<std::optional<std::pair<identity::Session, identity::Account>>> find_session_with_account(
        core::CommuneId commune, std::string_view digest) override;
    core::Status touch_session(std::string_view digest, core::Instant at) override;
    core::Status delete_session(std::string_view digest) override;
    core::Status delete_sessions_of(core::AccountId account) override;
    core::Result<std::vector<identity::Session>> sessions_of(core::AccountId account) override;

  private:
    soci::session& m_session;
    Backend m_backend;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
