#include "family/childcare_key.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace guichet::family {

std::string generate_childcare_key() {
    std::string key;
    for (std::size_t i = 0; i < kKeyLength; ++i) {
        key.push_back(kKeyAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kKeyAlphabet.size()))]);
    }
    return key;
}

std::string format_childcare_key(std::string_view canonical) {
    std::string formatted;
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % 4 == 0) {
            formatted.push_back('-');
        }
        formatted.push_back(canonical[i]);
    }
    return formatted;
}

std::optional<std::string> parse_childcare_key(std::string_view typed) {
    std::string canonical;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') {
            continue;
        }
        const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (kKeyAlphabet.find(upper) == std::string_view::npos) {
            return std::nullopt;
        }
        canonical.push_back(upper);
    }
    if (canonical.size() != kKeyLength) {
        return std::nullopt;
    }
    return canonical;
}

std::string childcare_key_digest(std::string_view canonical, std::string_view server_key) {
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(canonical.data()),
                       canonical.size(), reinterpret_cast<const unsigned char*>(server_key.data()),
                       std::min<std::size_t>(server_key.size(), crypto_generichash_KEYBYTES_MAX));
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), 64);
}

}  // namespace guichet::family
