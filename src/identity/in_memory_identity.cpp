#include "identity/in_memory_identity.h"

#include <algorithm>

#include "core/text.h"

namespace guichet::identity::testing {

core::Result<std::optional<Account>> InMemoryIdentityStore::find_account(core::CommuneId commune, core::AccountId id) {
    const auto it = m_state.accounts.find(id.value());
    if (it == m_state.accounts.end() || it->second.commune != commune)
        return std::optional<Account>{};
    return std::optional<Account>{it->second};
}
core::Result<std::optional<Account>> InMemoryIdentityStore::find_account_by_login(core::CommuneId commune,
                                                                                  std::string_view login) {
    const std::string wanted = core::ascii_lowercase(login);
    for (const auto& [id, account] : m_state.accounts) {
        if (account.commune == commune &&
            (core::ascii_lowercase(account.username) == wanted || core::ascii_lowercase(account.email) == wanted)) {
            return std::optional<Account>{account};
        }
    }
    return std::optional<Account>{};
}
core::Result<std::optional<Account>> InMemoryIdentityStore::find_account_by_email(core::CommuneId commune,
                                                                                  std::string_view email) {
    const std::string wanted = core::ascii_lowercase(email);
    for (const auto& [id, account] : m_state.accounts) {
        if (account.commune == commune && core::ascii_lowercase(account.email) == wanted) {
            return std::optional<Account>{account};
        }
    }
    return std::optional<Account>{};
}
core::Result<bool> InMemoryIdentityStore::username_taken(core::CommuneId commune, std::string_view username) {
    const std::string wanted = core::ascii_lowercase(username);
    return std::any_of(m_state.accounts.begin(), m_state.accounts.end(), [&](const auto& entry) {
        return entry.second.commune == commune && core::ascii_lowercase(entry.second.username) == wanted;
    });
}
// The UNIQUE (commune_id, username_lower) and (commune_id, email_lower) of the SQL schema: a clash is a conflict, as
// the SQL store reports it.
bool InMemoryIdentityStore::clashes(const Account& candidate) const {
    const std::string username = core::ascii_lowercase(candidate.username);
    const std::string email = core::ascii_lowercase(candidate.email);
    return std::any_of(m_state.accounts.begin(), m_state.accounts.end(), [&](const auto& entry) {
        const Account& other = entry.second;
        return other.id != candidate.id && other.commune == candidate.commune &&
               (core::ascii_lowercase(other.username) == username || core::ascii_lowercase(other.email) == email);
    });
}
core::Result<core::AccountId> InMemoryIdentityStore::insert_account(const Account& account) {
    if (clashes(account)) {
        return core::fail(core::ErrorCode::conflict, "error_conflict");
    }
    Account stored = account;
    stored.id = core::AccountId{m_state.next_id++};
    m_state.accounts[stored.id.value()] = stored;
    return stored.id;
}
core::Status InMemoryIdentityStore::update_account(const Account& account) {
    if (clashes(account)) {
        return core::fail(core::ErrorCode::conflict, "error_conflict");
    }
    m_state.accounts[account.id.value()] = account;
    return {};
}
core::Result<std::vector<Account>> InMemoryIdentityStore::list_accounts(core::CommuneId commune,
                                                                        std::vector<Role> roles) {
    std::vector<Account> found;
    for (const auto& [id, account] : m_state.accounts) {
        if (account.commune == commune && std::find(roles.begin(), roles.end(), account.role) != roles.end()) {
            found.push_back(account);
        }
    }
    return found;
}
core::Result<std::vector<Account>> InMemoryIdentityStore::list_closure_requests(core::CommuneId commune) {
    std::vector<Account> found;
    for (const auto& [id, account] : m_state.accounts) {
        if (account.commune == commune && account.status == AccountStatus::closure_requested) {
            found.push_back(account);
        }
    }
    return found;
}
core::Status InMemoryIdentityStore::insert_token(const AccountToken& token) {
    m_state.tokens[token.digest] = token;
    return {};
}
core::Result<std::optional<AccountToken>> InMemoryIdentityStore::find_token(core::CommuneId commune,
                                                                            std::string_view digest) {
    const auto it = m_state.tokens.find(std::string(digest));
    if (it == m_state.tokens.end() || it->second.commune != commune)
        return std::optional<AccountToken>{};
    return std::optional<AccountToken>{it->second};
}
core::Status InMemoryIdentityStore::mark_token_used(std::string_view digest, core::Instant at) {
    auto it = m_state.tokens.find(std::string(digest));
    if (it == m_state.tokens.end() || it->second.used_at) {
        return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
    }
    it->second.used_at = at;
    return {};
}
core::Status InMemoryIdentityStore::revoke_tokens(core::AccountId account, TokenPurpose purpose, core::Instant at) {
    for (auto& [digest, token] : m_state.tokens) {
        if (token.account == account && token.purpose == purpose && !token.used_at)
            token.used_at = at;
    }
    return {};
}
core::Status InMemoryIdentityStore::delete_tokens_of(core::AccountId account) {
    std::erase_if(m_state.tokens, [&](const auto& entry) { return entry.second.account == account; });
    return {};
}
core::Result<std::optional<AccountToken>> InMemoryIdentityStore::pending_email_change(core::AccountId account,
                                                                                      core::Instant now) {
    std::optional<AccountToken> newest;
    for (const auto& [digest, token] : m_state.tokens) {
        if (token.account == account && token.usable_for(TokenPurpose::email_change, now) &&
            (!newest || token.created_at >= newest->created_at)) {
            newest = token;
        }
    }
    return newest;
}
core::Status InMemoryIdentityStore::insert_session(const Session& session) {
    m_state.sessions[session.digest] = session;
    return {};
}
core::Result<std::optional<Session>> InMemoryIdentityStore::find_session(core::CommuneId commune,
                                                                         std::string_view digest) {
    const auto it = m_state.sessions.find(std::string(digest));
    if (it == m_state.sessions.end() || it->second.commune != commune)
        return std::optional<Session>{};
    return std::optional<Session>{it->second};
}
core::Status InMemoryIdentityStore::touch_session(std::string_view digest, core::Instant at) {
    m_state.sessions[std::string(digest)].last_seen_at = at;
    return {};
}
core::Status InMemoryIdentityStore::delete_session(std::string_view digest) {
    m_state.sessions.erase(std::string(digest));
    return {};
}
core::Status InMemoryIdentityStore::delete_sessions_of(core::AccountId account) {
    std::erase_if(m_state.sessions, [&](const auto& entry) { return entry.second.account == account; });
    return {};
}
core::Result<std::vector<Session>> InMemoryIdentityStore::sessions_of(core::AccountId account) {
    std::vector<Session> found;
    for (const auto& [digest, session] : m_state.sessions) {
        if (session.account == account)
            found.push_back(session);
    }
    return found;
}

core::Result<std::optional<std::pair<Session, Account>>> InMemoryIdentityStore::find_session_with_account(
    core::CommuneId commune, std::string_view digest) {
    const auto session = m_state.sessions.find(std::string(digest));
    if (session == m_state.sessions.end() || session->second.commune != commune)
        return std::optional<std::pair<Session, Account>>{};
    const auto account = m_state.accounts.find(session->second.account.value());
    if (account == m_state.accounts.end())
        return std::optional<std::pair<Session, Account>>{};
    return std::optional(std::pair(session->second, account->second));
}

core::Status InMemoryAuditLog::record(const AuditEvent& event) {
    m_events.push_back(event);
    return {};
}

core::Result<std::vector<AuditEvent>> InMemoryAuditLog::events_of(core::CommuneId commune, core::AccountId account) {
    std::vector<AuditEvent> found;
    for (const auto& event : m_events) {
        if (event.commune == commune && event.account == account)
            found.push_back(event);
    }
    return found;
}

core::Result<ThrottleState> InMemoryThrottles::state(std::string_view key) {
    const auto it = m_states.find(std::string(key));
    return it == m_states.end() ? ThrottleState{} : it->second;
}

core::Result<ThrottleState> InMemoryThrottles::record_failure(std::string_view key, const ThrottleRule& rule,
                                                              core::Instant now) {
    ThrottleState& state = m_states[std::string(key)];
    state = rule.after_failure(state, now);
    return state;
}

core::Status InMemoryThrottles::clear(std::string_view key) {
    m_states.erase(std::string(key));
    return {};
}

core::Status InMemoryOutbox::enqueue(const notify::MailRequest& mail) {
    m_mails.push_back(mail);
    return {};
}

core::Status InMemoryOutbox::drop_unsent_to(core::CommuneId commune, std::string_view address) {
    std::erase_if(m_mails, [&](const auto& mail) { return mail.commune == commune && mail.to == address; });
    return {};
}

}  // namespace guichet::identity::testing
