#include "identity/device_cookie.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace guichet::identity {
namespace {

constexpr std::string_view kContext = "guichet device cookie v1";

std::string base64url(const unsigned char* bytes, std::size_t size) {
    std::string text(sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    text.resize(text.find('\0'));
    return text;
}

std::vector<std::string_view> entries_of(std::string_view cookie) {
    std::vector<std::string_view> entries;
    while (!cookie.empty() && entries.size() < DeviceCookies::kMaxDevicesPerBrowser * 2) {
        const auto tilde = cookie.find('~');
        entries.push_back(cookie.substr(0, tilde));
        cookie = tilde == std::string_view::npos ? std::string_view() : cookie.substr(tilde + 1);
    }
    return entries;
}

struct Entry {
    std::string_view account;
    std::string_view nonce;
    std::string_view mac;
};

std::optional<Entry> parse(std::string_view entry) {
    const auto first = entry.find('.');
    const auto second = first == std::string_view::npos ? first : entry.find('.', first + 1);
    if (second == std::string_view::npos || entry.size() > 128) {
        return std::nullopt;
    }
    return Entry{entry.substr(0, first), entry.substr(first + 1, second - first - 1), entry.substr(second + 1)};
}

}  // namespace

DeviceCookies::DeviceCookies(std::string_view server_key) : m_key(crypto_auth_hmacsha256_KEYBYTES, '\0') {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
    // A key of its own, so that a device cookie's MAC is no other token's.
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(server_key.data()), server_key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kContext.data()), kContext.size());
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(m_key.data()));
}

bool DeviceCookies::genuine(std::string_view text, std::string_view account, std::string_view nonce,
                            std::string_view mac) const {
    const std::string expected = mac_of(text.substr(0, account.size() + 1 + nonce.size()));
    return !nonce.empty() && expected.size() == mac.size() &&
           sodium_memcmp(expected.data(), mac.data(), expected.size()) == 0;
}

std::string DeviceCookies::mac_of(std::string_view signed_part) const {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
                           reinterpret_cast<const unsigned char*>(m_key.data()));
    return base64url(mac, sizeof mac);
}

std::optional<std::string> DeviceCookies::device_of(std::string_view cookie, core::AccountId account) const {
    const std::string wanted = std::to_string(account.value());
    for (const auto text : entries_of(cookie)) {
        const auto entry = parse(text);
        if (entry && entry->account == wanted && genuine(text, entry->account, entry->nonce, entry->mac)) {
            return std::string(entry->nonce);
        }
    }
    return std::nullopt;
}

std::string DeviceCookies::after_sign_in(std::string_view cookie, core::AccountId account) const {
    unsigned char nonce[16];
    randombytes_buf(nonce, sizeof nonce);
    const std::string signed_part = std::to_string(account.value()) + "." + base64url(nonce, sizeof nonce);
    std::string value = signed_part + "." + mac_of(signed_part);
    std::size_t kept = 1;
    const std::string mine = std::to_string(account.value());
    for (const auto text : entries_of(cookie)) {
        const auto entry = parse(text);
        if (kept < kMaxDevicesPerBrowser && entry && entry->account != mine &&
            genuine(text, entry->account, entry->nonce, entry->mac)) {
            value.append("~").append(text);
            ++kept;
        }
    }
    return value;
}

}  // namespace guichet::identity
