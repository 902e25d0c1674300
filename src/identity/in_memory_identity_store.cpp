#include "identity/in_memory_identity_store.h"

#include <algorithm>

#include "core/text.h"

namespace guichet::identity::testing {
namespace {

using State = InMemoryIdentityStore::State;

class Transaction final : public IdentityTransaction {
  public:
    explicit Transaction(State& state) : m_state(state) {}

    core::Result<std::optional<Account>> find_account(core::CommuneId commune, core::AccountId id) override {
        const auto it = m_state.accounts.find(id.value());
        if (it == m_state.accounts.end() || it->second.commune != commune)
            return std::optional<Account>{};
        return std::optional<Account>{it->second};
    }
    core::Result<std::optional<Account>> find_account_by_login(core::CommuneId commune,
                                                               std::string_view login) override {
        const std::string wanted = core::ascii_lowercase(login);
        for (const auto& [id, account] : m_state.accounts) {
            if (account.commune == commune &&
                (core::ascii_lowercase(account.username) == wanted || core::ascii_lowercase(account.email) == wanted)) {
                return std::optional<Account>{account};
            }
        }
        return std::optional<Account>{};
    }
    core::Result<std::optional<Account>> find_account_by_email(core::CommuneId commune,
                                                               std::string_view email) override {
        const std::string wanted = core::ascii_lowercase(email);
        for (const auto& [id, account] : m_state.accounts) {
            if (account.commune == commune && core::ascii_lowercase(account.email) == wanted) {
                return std::optional<Account>{account};
            }
        }
        return std::optional<Account>{};
    }
    core::Result<bool> username_taken(core::CommuneId commune, std::string_view username) override {
        const std::string wanted = core::ascii_lowercase(username);
        return std::any_of(m_state.accounts.begin(), m_state.accounts.end(), [&](const auto& entry) {
            return entry.second.commune == commune && core::ascii_lowercase(entry.second.username) == wanted;
        });
    }
    core::Result<core::AccountId> insert_account(const Account& account) override {
        Account stored = account;
        stored.id = core::AccountId{m_state.next_id++};
        m_state.accounts[stored.id.value()] = stored;
        return stored.id;
    }
    core::Status update_account(const Account& account) override {
        m_state.accounts[account.id.value()] = account;
        return {};
    }
    core::Result<std::vector<Account>> list_accounts(core::CommuneId commune, std::vector<Role> roles) override {
        std::vector<Account> found;
        for (const auto& [id, account] : m_state.accounts) {
            if (account.commune == commune && std::find(roles.begin(), roles.end(), account.role) != roles.end()) {
                found.push_back(account);
            }
        }
        return found;
    }
    core::Result<std::vector<Account>> list_closure_requests(core::CommuneId commune) override {
        std::vector<Account> found;
        for (const auto& [id, account] : m_state.accounts) {
            if (account.commune == commune && account.status == AccountStatus::closure_requested) {
                found.push_back(account);
            }
        }
        return found;
    }
    core::Status insert_token(const AccountToken& token) override {
        m_state.tokens[token.digest] = token;
        return {};
    }
    core::Result<std::optional<AccountToken>> find_token(core::CommuneId commune, std::string_view digest) override {
        const auto it = m_state.tokens.find(std::string(digest));
        if (it == m_state.tokens.end() || it->second.commune != commune)
            return std::optional<AccountToken>{};
        return std::optional<AccountToken>{it->second};
    }
    core::Status mark_token_used(std::string_view digest, core::Instant at) override {
        auto it = m_state.tokens.find(std::string(digest));
        if (it == m_state.tokens.end() || it->second.used_at) {
            return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
        }
        it->second.used_at = at;
        return {};
    }
    core::Status revoke_tokens(core::AccountId account, TokenPurpose purpose, core::Instant at) override {
        for (auto& [digest, token] : m_state.tokens) {
            if (token.account == account && token.purpose == purpose && !token.used_at)
                token.used_at = at;
        }
        return {};
    }
    core::Status delete_tokens_of(core::AccountId account) override {
        std::erase_if(m_state.tokens, [&](const auto& entry) { return entry.second.account == account; });
        return {};
    }
    core::Result<std::optional<AccountToken>> pending_email_change(core::AccountId account,
                                                                   core::Instant now) override {
        std::optional<AccountToken> newest;
        for (const auto& [digest, token] : m_state.tokens) {
            if (token.account == account && token.usable_for(TokenPurpose::email_change, now) &&
                (!newest || token.created_at >= newest->created_at)) {
                newest = token;
            }
        }
        return newest;
    }
    core::Status insert_session(const Session& session) override {
        m_state.sessions[session.digest] = session;
        return {};
    }
    core::Result<std::optional<Session>> find_session(core::CommuneId commune, std::string_view digest) override {
        const auto it = m_state.sessions.find(std::string(digest));
        if (it == m_state.sessions.end() || it->second.commune != commune)
            return std::optional<Session>{};
        return std::optional<Session>{it->second};
    }
    core::Status touch_session(std::string_view digest, core::Instant at) override {
        m_state.sessions[std::string(digest)].last_seen_at = at;
        return {};
    }
    core::Status delete_session(std::string_view digest) override {
        m_state.sessions.erase(std::string(digest));
        return {};
    }
    core::Status delete_sessions_of(core::AccountId account) override {
        std::erase_if(m_state.sessions, [&](const auto& entry) { return entry.second.account == account; });
        return {};
    }
    core::Result<std::vector<Session>> sessions_of(core::AccountId account) override {
        std::vector<Session> found;
        for (const auto& [digest, session] : m_state.sessions) {
            if (session.account == account)
                found.push_back(session);
        }
        return found;
    }
    core::Result<ThrottleState> throttle(std::string_view key) override {
        const auto it = m_state.throttles.find(std::string(key));
        return it == m_state.throttles.end() ? ThrottleState{} : it->second;
    }
    core::Status save_throttle(std::string_view key, const ThrottleState& state) override {
        m_state.throttles[std::string(key)] = state;
        return {};
    }
    core::Status clear_throttle(std::string_view key) override {
        m_state.throttles.erase(std::string(key));
        return {};
    }
    core::Status record(const AuditEvent& event) override {
        m_state.audit.push_back(event);
        return {};
    }
    core::Result<std::vector<AuditEvent>> audit_of(core::CommuneId commune, core::AccountId account) override {
        std::vector<AuditEvent> found;
        for (const auto& event : m_state.audit) {
            if (event.commune == commune && event.account == account)
                found.push_back(event);
        }
        return found;
    }
    core::Status enqueue_mail(const notify::MailRequest& mail) override {
        m_state.mails.push_back(mail);
        return {};
    }
    core::Status drop_unsent_mail_to(core::CommuneId commune, std::string_view address) override {
        std::erase_if(m_state.mails, [&](const auto& mail) { return mail.commune == commune && mail.to == address; });
        return {};
    }

  private:
    State& m_state;
};

}  // namespace

core::Status InMemoryIdentityStore::transact(const std::function<core::Status(IdentityTransaction&)>& work) {
    std::lock_guard lock(m_mutex);
    State working = m_state;
    Transaction tx(working);
    auto result = work(tx);
    if (result) {
        m_state = std::move(working);
    }
    return result;
}

core::Status InMemoryIdentityStore::read(const std::function<core::Status(IdentityTransaction&)>& work) {
    return transact(work);
}

InMemoryIdentityStore::State InMemoryIdentityStore::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

}  // namespace guichet::identity::testing
