#include "identity/authentication_service.h"

#include "core/text.h"
#include "identity/secret_token.h"

namespace guichet::identity {
namespace {

std::string login_key(core::CommuneId commune, std::string_view login) {
    return "login:" + std::to_string(commune.value()) + ":" + core::ascii_lowercase(core::trim(login));
}

std::string address_key(const RequestOrigin& origin) {
    return "ip:" + origin.ip;
}

// Failures from browsers the account never used are also counted per account, so that trying its username and its
// email does not double the allowance.
std::string account_key(core::AccountId account) {
    return "account:" + std::to_string(account.value());
}

// Failures from a browser that signed in to the account before: that device alone is held back.
std::string device_key(std::string_view nonce) {
    return "device:" + std::string(nonce);
}

bool can_sign_in(const Account& account) {
    return account.status == AccountStatus::active || account.status == AccountStatus::closure_requested;
}

}  // namespace

core::Result<std::string> AuthenticationService::start_session(Transaction& tx, const Account& account,
                                                               const RequestOrigin& origin, core::Instant now) {
    const std::string token = generate_secret_token();
    GUICHET_TRY_STATUS(tx.identity().insert_session({token_digest(token), account.id, account.commune, now, now,
                                                     core::sanitize_utf8(origin.ip, 64),
                                                     core::sanitize_utf8(origin.user_agent, 256)}));
    return token;
}

tl::expected<LoginSuccess, LoginFailure> AuthenticationService::login(core::CommuneId commune, std::string_view login,
                                                                      std::string_view password,
                                                                      const RequestOrigin& origin,
                                                                      std::string_view previous_session_token,
                                                                      std::string_view device_cookie) {
    const core::Instant now = m_context.clock.now();
    const std::string identifier_key = login_key(commune, login);
    const std::string ip_key = address_key(origin);
    std::optional<Account> account;
    std::optional<std::string> device;  // the nonce, when this browser proved this account before
    bool blocked = false;
    auto read = m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().find_account_by_login(commune, core::trim(login)));
        account = std::move(found);
        if (account) {
            device = m_context.devices.device_of(device_cookie, account->id);
        }
        if (device) {
            // A known device passes the account's lockout and the address's throttle (a whole school or office
            // behind one address, one attacker among them); only its own failures count against it.
            GUICHET_TRY(by_device, tx.throttles().state(device_key(*device)));
            blocked = !throttle_allows(by_device, now);
            return {};
        }
        GUICHET_TRY(by_identifier, tx.throttles().state(identifier_key));
        GUICHET_TRY(by_address, tx.throttles().state(ip_key));
        blocked = !throttle_allows(by_identifier, now) || !throttle_allows(by_address, now);
        if (account) {
            GUICHET_TRY(by_account, tx.throttles().state(account_key(account->id)));
            blocked = blocked || !throttle_allows(by_account, now);
        }
        return {};
    });
    if (!read) {
        return tl::unexpected(LoginFailure::unavailable);
    }
    if (blocked) {
        return tl::unexpected(LoginFailure::throttled);
    }
    // The slow part, outside any transaction.
    bool matches = false;
    if (account && !account->password_hash.empty() && account->status != AccountStatus::closed) {
        matches = m_context.hasher.verify(account->password_hash, password);
    } else {
        m_context.hasher.verify_nothing(password);
    }
    if (!matches) {
        auto recorded = m_context.work.write([&](Transaction& tx) -> core::Status {
            if (device) {
                GUICHET_TRY_STATUS(tx.throttles().record_failure(device_key(*device), kAccountThrottle, now));
            } else {
                GUICHET_TRY_STATUS(tx.throttles().record_failure(identifier_key, kAccountThrottle, now));
                GUICHET_TRY_STATUS(tx.throttles().record_failure(ip_key, kAddressThrottle, now));
                if (account) {
                    GUICHET_TRY_STATUS(tx.throttles().record_failure(account_key(account->id), kAccountThrottle, now));
                }
            }
            // What was typed is not recorded: people type their password into the identifier field by mistake.
            return tx.audit().record({commune, account ? std::optional(account->id) : std::nullopt, std::nullopt,
                                      "login_failure", origin.ip, account ? std::string() : "unknown identifier", now});
        });
        return tl::unexpected(recorded ? LoginFailure::bad_credentials : LoginFailure::unavailable);
    }
    if (!can_sign_in(*account)) {
        return tl::unexpected(LoginFailure::bad_credentials);
    }
    const std::string new_hash =
        m_context.hasher.needs_rehash(account->password_hash) ? m_context.hasher.hash(password) : std::string();
    std::string token;
    auto signed_in = m_context.work.write([&](Transaction& tx) -> core::Status {
        if (device) {
            GUICHET_TRY_STATUS(tx.throttles().clear(device_key(*device)));
        } else {
            GUICHET_TRY_STATUS(tx.throttles().clear(identifier_key));
            GUICHET_TRY_STATUS(tx.throttles().clear(account_key(account->id)));
        }
        if (!previous_session_token.empty()) {
            GUICHET_TRY_STATUS(tx.identity().delete_session(token_digest(previous_session_token)));
        }
        GUICHET_TRY(fresh, tx.identity().find_account(commune, account->id));
        if (!fresh || !can_sign_in(*fresh)) {
            return core::fail(core::ErrorCode::conflict, "error_conflict");
        }
        fresh->previous_login_at = fresh->last_login_at;
        fresh->last_login_at = now;
        if (!new_hash.empty()) {
            fresh->password_hash = new_hash;
        }
        GUICHET_TRY_STATUS(tx.identity().update_account(*fresh));
        GUICHET_TRY(started, start_session(tx, *fresh, origin, now));
        token = std::move(started);
        account = std::move(*fresh);
        return tx.audit().record({commune, account->id, std::nullopt, "login_success", origin.ip, {}, now});
    });
    if (!signed_in) {
        return tl::unexpected(signed_in.error().code == core::ErrorCode::conflict ? LoginFailure::bad_credentials
                                                                                  : LoginFailure::unavailable);
    }
    std::string cookie = m_context.devices.after_sign_in(device_cookie, account->id);
    return LoginSuccess{std::move(token), std::move(*account), std::move(cookie)};
}

core::Status AuthenticationService::logout(core::CommuneId commune, std::string_view session_token,
                                           const RequestOrigin& origin) {
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        const std::string digest = token_digest(session_token);
        GUICHET_TRY(session, tx.identity().find_session(commune, digest));
        if (!session) {
            return {};
        }
        GUICHET_TRY_STATUS(tx.identity().delete_session(digest));
        return tx.audit().record({commune, session->account, std::nullopt, "logout", origin.ip, {}, now});
    });
}

core::Result<std::optional<SignedIn>> AuthenticationService::resolve(core::CommuneId commune,
                                                                     std::string_view session_token) {
    if (!looks_like_secret_token(session_token)) {
        return std::optional<SignedIn>{};
    }
    const core::Instant now = m_context.clock.now();
    const std::string digest = token_digest(session_token);
    std::optional<SignedIn> result;
    bool expired = false;
    bool touch = false;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().find_session_with_account(commune, digest));
        if (!found) {
            return {};
        }
        auto& [session, account] = *found;
        if (!m_context.sessions.is_alive(session, now) || !can_sign_in(account)) {
            expired = true;
            return {};
        }
        touch = m_context.sessions.needs_touch(session, now);
        result = SignedIn{std::move(session), std::move(account)};
        return {};
    }));
    if (expired || touch) {
        GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
            return expired ? tx.identity().delete_session(digest) : tx.identity().touch_session(digest, now);
        }));
    }
    return result;
}

}  // namespace guichet::identity
