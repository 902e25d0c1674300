#include "identity/password_hasher.h"

#include <sodium.h>

#include <new>
#include <stdexcept>

namespace guichet::identity {

PasswordHasher::PasswordHasher(HashCost cost) : m_cost(cost) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    m_decoy_hash = hash(std::string_view(reinterpret_cast<const char*>(random), sizeof random));
}

std::string PasswordHasher::hash(std::string_view password) const {
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), m_cost.operations, m_cost.memory_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::bad_alloc();
    }
    return encoded;
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
    (void)verify(m_decoy_hash, password);
}

bool PasswordHasher::needs_rehash(std::string_view hash) const {
    const std::string terminated(hash);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), m_cost.operations, m_cost.memory_bytes) != 0;
}

}  // namespace guichet::identity
