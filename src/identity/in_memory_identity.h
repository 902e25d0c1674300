#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/in_memory_unit_of_work.h"
#include "identity/transaction.h"

namespace guichet::identity::testing {

// Everything the identity stores hold, in memory.
struct IdentityState {
    std::map<std::int64_t, Account> accounts;
    std::map<std::string, AccountToken> tokens;
    std::map<std::string, Session> sessions;
    std::map<std::string, ThrottleState> throttles;
    std::vector<AuditEvent> audit;
    std::vector<notify::MailRequest> mails;
    std::int64_t next_id = 1;
};

class InMemoryIdentityStore final : public IdentityStore {
  public:
    explicit InMemoryIdentityStore(IdentityState& state) : m_state(state) {}

    core::Result<std::optional<Account>> find_account(core::CommuneId commune, core::AccountId id) override;
    core::Result<std::optional<Account>> find_account_by_login(core::CommuneId commune,
                                                               std::string_view login) override;
    core::Result<std::optional<Account>> find_account_by_email(core::CommuneId commune,
                                                               std::string_view email) override;
    core::Result<bool> username_taken(core::CommuneId commune, std::string_view username) override;
    core::Result<core::AccountId> insert_account(const Account& account) override;
    core::Status update_account(const Account& account) override;
    core::Result<std::vector<Account>> list_accounts(core::CommuneId commune, std::vector<Role> roles) override;
    core::Result<std::vector<Account>> list_closure_requests(core::CommuneId commune) override;
    core::Status insert_token(const AccountToken& token) override;
    core::Result<std::optional<AccountToken>> find_token(core::CommuneId commune, std::string_view digest) override;
    core::Status mark_token_used(std::string_view digest, core::Instant at) override;
    core::Status revoke_tokens(core::AccountId account, TokenPurpose purpose, core::Instant at) override;
    core::Status delete_tokens_of(core::AccountId account) override;
    core::Result<std::optional<AccountToken>> pending_email_change(core::AccountId account, core::Instant now) override;
    core::Status insert_session(const Session& session) override;
    core::Result<std::optional<Session>> find_session(core::CommuneId commune, std::string_view digest) override;
    core::Result<std::optional<std::pair<Session, Account>>> find_session_with_account(
        core::CommuneId commune, std::string_view digest) override;
    core::Status touch_session(std::string_view digest, core::Instant at) override;
    core::Status delete_session(std::string_view digest) override;
    core::Status delete_sessions_of(core::AccountId account) override;
    core::Result<std::vector<Session>> sessions_of(core::AccountId account) override;

  private:
    [[nodiscard]] bool clashes(const Account& candidate) const;

    IdentityState& m_state;
};

class InMemoryAuditLog final : public AuditLog {
  public:
    explicit InMemoryAuditLog(std::vector<AuditEvent>& events) : m_events(events) {}
    core::Status record(const AuditEvent& event) override;
    core::Result<std::vector<AuditEvent>> events_of(core::CommuneId commune, core::AccountId account) override;

  private:
    std::vector<AuditEvent>& m_events;
};

class InMemoryThrottles final : public Throttles {
  public:
    explicit InMemoryThrottles(std::map<std::string, ThrottleState>& states) : m_states(states) {}
    core::Result<ThrottleState> state(std::string_view key) override;
    core::Result<ThrottleState> record_failure(std::string_view key, const ThrottleRule& rule,
                                               core::Instant now) override;
    core::Status clear(std::string_view key) override;

  private:
    std::map<std::string, ThrottleState>& m_states;
};

class InMemoryOutbox final : public notify::Outbox {
  public:
    explicit InMemoryOutbox(std::vector<notify::MailRequest>& mails) : m_mails(mails) {}
    core::Status enqueue(const notify::MailRequest& mail) override;
    core::Status drop_unsent_to(core::CommuneId commune, std::string_view address) override;

  private:
    std::vector<notify::MailRequest>& m_mails;
};

// The stores of identity::Transaction on an IdentityState.
class IdentityTransaction : public virtual Transaction {
  public:
    explicit IdentityTransaction(IdentityState& state)
        : m_identity(state), m_audit(state.audit), m_throttles(state.throttles), m_outbox(state.mails) {}

    IdentityStore& identity() override { return m_identity; }
    AuditLog& audit() override { return m_audit; }
    Throttles& throttles() override { return m_throttles; }
    notify::Outbox& outbox() override { return m_outbox; }

  private:
    InMemoryIdentityStore m_identity;
    InMemoryAuditLog m_audit;
    InMemoryThrottles m_throttles;
    InMemoryOutbox m_outbox;
};

// identity::UnitOfWork in memory, for the identity domain tests.
using InMemoryIdentity = core::testing::InMemoryUnitOfWork<IdentityState, IdentityTransaction, Transaction>;

}  // namespace guichet::identity::testing
