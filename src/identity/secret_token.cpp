#include "identity/secret_token.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace guichet::identity {

std::string generate_secret_token() {
    std::array<unsigned char, 32> random{};
    randombytes_buf(random.data(), random.size());
    std::string encoded(sodium_base64_encoded_len(random.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), random.data(), random.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    encoded.resize(encoded.size() - 1);
    return encoded;
}

std::string token_digest(std::string_view token) {
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), 64);
}

bool looks_like_secret_token(std::string_view text) {
    return text.size() == 43 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
           });
}

}  // namespace guichet::identity
