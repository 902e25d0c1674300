#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"

namespace guichet::identity {

// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that has signed in to an
// account successfully carries a signed proof of it. A sign-in from such a browser is throttled by its own device
// (a thief of the browser gets a few tries, then that device is locked), not by the account's lockout, which only
// holds back browsers the account has never used: someone who knows a username can no longer keep its owner out.
//
// The cookie holds up to kMaxDevicesPerBrowser entries (a family computer used by both parents), newest first,
// joined by '~': "<account>.<nonce>.<mac>", with a random 16-byte nonce and an HMAC-SHA-256 of "<account>.<nonce>"
// under a key derived from the server's secret, both base64url. Nothing is stored on the server but the throttle of
// each nonce. Thread-safe.
class DeviceCookies {
  public:
    static constexpr std::size_t kMaxDevicesPerBrowser = 4;

    // `server_key`: the server's secret (storage/server_key); the MAC key is derived from it.
    explicit DeviceCookies(std::string_view server_key);

    // The nonce of `account`'s entry in the cookie's value, when there is one and its MAC is right.
    [[nodiscard]] std::optional<std::string> device_of(std::string_view cookie, core::AccountId account) const;

    // The cookie's value after `account` signed in on this browser: a new entry for it first (a new nonce, so that a
    // device locked earlier starts afresh only after a right password), then the browser's other valid entries.
    [[nodiscard]] std::string after_sign_in(std::string_view cookie, core::AccountId account) const;

  private:
    [[nodiscard]] std::string mac_of(std::string_view signed_part) const;
    // True when the entry `text` ("<account>.<nonce>.<mac>", split) carries the MAC of its first two parts.
    [[nodiscard]] bool genuine(std::string_view text, std::string_view account, std::string_view nonce,
                               std::string_view mac) const;

    std::string m_key;  // 32 bytes
};

}  // namespace guichet::identity
