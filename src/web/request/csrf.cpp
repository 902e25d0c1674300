#include "web/request/csrf.h"

#include <sodium.h>

#include <array>

namespace guichet::web {

std::string origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    const auto path = url.find_first_of("/?#", scheme_end + 3);
    return std::string(url.substr(0, path));
}

CsrfGuard::CsrfGuard(std::string key, std::string public_origin)
    : m_key(std::move(key)), m_public_origin(std::move(public_origin)) {}

std::string CsrfGuard::token_for(std::string_view binding) const {
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(m_key.data()), m_key.size());
    const std::string_view label = "guichet-csrf-v1:";
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(label.data()), label.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(binding.data()), binding.size());
    crypto_auth_hmacsha256_final(&state, mac.data());
    std::string encoded(sodium_base64_encoded_len(mac.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), mac.data(), mac.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    encoded.resize(encoded.size() - 1);
    return encoded;
}

bool CsrfGuard::token_matches(std::string_view token, std::string_view binding) const {
    if (binding.empty()) {
        return false;
    }
    const std::string expected = token_for(binding);
    return token.size() == expected.size() && sodium_memcmp(token.data(), expected.data(), expected.size()) == 0;
}

bool CsrfGuard::origin_allowed(const Request& request) const {
    if (const auto origin = request.headers.find("Origin")) {
        return *origin == m_public_origin;
    }
    if (const auto referer = request.headers.find("Referer")) {
        return origin_of(*referer) == m_public_origin;
    }
    return false;
}

}  // namespace guichet::web
