#include "web/http/content_hash.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace guichet::web {

std::string short_content_hash(std::string_view bytes) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
    std::array<unsigned char, 16> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       nullptr, 0);
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), 12);
}

}  // namespace guichet::web
