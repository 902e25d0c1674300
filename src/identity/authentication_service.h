#pragma once

#include <optional>
#include <string>

#include "identity/identity_context.h"

namespace guichet::identity {

enum class LoginFailure {
    // Unknown identifier, wrong password, or an account whose address was never confirmed: one answer for all, so
    // that nobody learns from it which addresses have (pending) accounts.
    bad_credentials,
    throttled,    // too many failures lately for this identifier, account or address
    unavailable,  // storage failed
};

struct LoginSuccess {
    std::string session_token;  // goes into the cookie; only its digest is stored
    Account account;
    std::string device_cookie;  // the browser's device cookie from now on (DeviceCookies::after_sign_in)
};

// A request's signed-in account, found from its session cookie.
struct SignedIn {
    Session session;
    Account account;
};

// Sign-in, sign-out and sessions.
class AuthenticationService {
  public:
    explicit AuthenticationService(IdentityContext context) : m_context(context) {}

    // Checks an identifier (username or email) and password. A browser whose device cookie proves it signed in to
    // this account before is throttled by that device only; any other is throttled per identifier, per account and
    // per address with growing delays, so that an attacker can lock the account out of unknown browsers, never out
    // of its owner's. An unknown identifier costs the same hashing time as a known one, and fails with the same
    // answer. On success the previous session of this browser (if any) ends and a new one starts (a session id fixed
    // before sign-in is worthless after it), and the browser gets its device cookie.
    [[nodiscard]] tl::expected<LoginSuccess, LoginFailure> login(core::CommuneId commune, std::string_view login,
                                                                 std::string_view password, const RequestOrigin& origin,
                                                                 std::string_view previous_session_token,
                                                                 std::string_view device_cookie = {});

    // Ends a session (when it exists) and records it.
    [[nodiscard]] core::Status logout(core::CommuneId commune, std::string_view session_token,
                                      const RequestOrigin& origin);

    // Returns the signed-in account of a session token, or std::nullopt when the session is unknown, of another
    // commune, past its idle or absolute limit (then it is deleted), or its account is no longer open.
    [[nodiscard]] core::Result<std::optional<SignedIn>> resolve(core::CommuneId commune,
                                                                std::string_view session_token);

    // Starts a session for an account (after a password change or reset, which end the others).
    [[nodiscard]] core::Result<std::string> start_session(Transaction& tx, const Account& account,
                                                          const RequestOrigin& origin, core::Instant now);

  private:
    IdentityContext m_context;
};

}  // namespace guichet::identity
