#include "identity/password_hasher.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace guichet::identity {
namespace testing {

// The hasher's own tests reach its private verify; everything else goes through the throttled callers.
struct PasswordHasherProbe {
    static bool verify(const PasswordHasher& hasher, std::string_view hash, std::string_view password) {
        return hasher.verify(hash, password);
    }
};

}  // namespace testing
namespace {

bool verify(const PasswordHasher& hasher, std::string_view hash, std::string_view password) {
    return testing::PasswordHasherProbe::verify(hasher, hash, password);
}

HashCost cheap() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

TEST(PasswordHasher, HashesWithArgon2idAndVerifies) {
    const PasswordHasher hasher(cheap());
    const std::string hash = hasher.hash("une phrase de passe assez longue");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(verify(hasher, hash, "une phrase de passe assez longue"));
    EXPECT_FALSE(verify(hasher, hash, "une phrase de passe assez longuE"));
    EXPECT_FALSE(verify(hasher, "", "anything"));
    EXPECT_FALSE(verify(hasher, "$argon2id$broken", "anything"));
    EXPECT_NE(hasher.hash("same"), hasher.hash("same")) << "each hash has its own salt";
}

TEST(PasswordHasher, AcceptsAnyUnicodeAndLongPasswords) {
    const PasswordHasher hasher(cheap());
    const std::string password = "\xF0\x9F\x94\x91 cl\xC3\xA9 " + std::string(500, 'x');
    EXPECT_TRUE(verify(hasher, hasher.hash(password), password));
}

TEST(PasswordHasher, OldParametersAskForARehash) {
    const PasswordHasher cheap_hasher(cheap());
    const PasswordHasher stronger({3, crypto_pwhash_MEMLIMIT_MIN * 2});
    const std::string old_hash = cheap_hasher.hash("phrase de passe ancienne");
    EXPECT_TRUE(stronger.needs_rehash(old_hash));
    EXPECT_FALSE(cheap_hasher.needs_rehash(old_hash));
    EXPECT_TRUE(verify(stronger, old_hash, "phrase de passe ancienne")) << "old hashes still verify";
}

}  // namespace
}  // namespace guichet::identity
