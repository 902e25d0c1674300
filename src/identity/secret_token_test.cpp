#include "identity/secret_token.h"

#include <gtest/gtest.h>

#include <set>

namespace guichet::identity {
namespace {

TEST(SecretToken, TokensAre256BitsOfUrlSafeText) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string token = generate_secret_token();
        EXPECT_TRUE(looks_like_secret_token(token)) << token;
        EXPECT_TRUE(seen.insert(token).second) << "tokens never repeat";
    }
}

TEST(SecretToken, OnlyDigestsAreStored) {
    const std::string token = generate_secret_token();
    EXPECT_EQ(token_digest(token), token_digest(token));
    EXPECT_EQ(token_digest(token).size(), 64u);
    EXPECT_NE(token_digest(token), token_digest(generate_secret_token()));
    EXPECT_FALSE(looks_like_secret_token("short"));
    EXPECT_FALSE(looks_like_secret_token(std::string(42, 'a') + "!"));
}

}  // namespace
}  // namespace guichet::identity
