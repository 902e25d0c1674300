#include "web/request/csrf.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

Request post_with(std::initializer_list<std::pair<const char*, const char*>> headers) {
    Request request;
    request.method = Method::post;
    for (const auto& [name, value] : headers) {
        request.headers.add(name, value);
    }
    return request;
}

TEST(Csrf, TokensAreBoundToTheSessionAndTheKey) {
    const CsrfGuard guard(std::string(32, 'k'), "https://portail.example");
    const std::string token = guard.token_for("s:abc");
    EXPECT_TRUE(guard.token_matches(token, "s:abc"));
    EXPECT_FALSE(guard.token_matches(token, "s:abd"));
    EXPECT_FALSE(guard.token_matches(token, ""));
    EXPECT_FALSE(guard.token_matches("", "s:abc"));
    EXPECT_FALSE(guard.token_matches(token.substr(1), "s:abc"));
    const CsrfGuard other(std::string(32, 'j'), "https://portail.example");
    EXPECT_FALSE(other.token_matches(token, "s:abc")) << "another server key";
}

TEST(Csrf, OnlyThePortalsOwnOriginMayPost) {
    const CsrfGuard guard(std::string(32, 'k'), "http://127.0.0.1:8080");
    struct Case {
        Request request;
        bool allowed;
    };
    const Case cases[] = {
        {post_with({{"Origin", "http://127.0.0.1:8080"}}), true},
        {post_with({{"Origin", "http://127.0.0.1:8081"}}), false},
        {post_with({{"Origin", "null"}}), false},
        {post_with({{"Origin", "http://evil.example"}, {"Referer", "http://127.0.0.1:8080/x"}}), false},
        {post_with({{"Referer", "http://127.0.0.1:8080/chanteloup-les-vignes/connexion"}}), true},
        {post_with({{"Referer", "http://127.0.0.1:8080.evil.example/"}}), false},
        {post_with({}), false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(guard.origin_allowed(c.request), c.allowed);
    }
}

TEST(Csrf, OriginOfKeepsSchemeHostAndPort) {
    EXPECT_EQ(origin_of("https://a.example:8443/x?y"), "https://a.example:8443");
    EXPECT_EQ(origin_of("http://a.example"), "http://a.example");
    EXPECT_EQ(origin_of("a.example/x"), "");
}

}  // namespace
}  // namespace guichet::web
