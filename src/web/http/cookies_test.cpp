#include "web/http/cookies.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

TEST(Cookies, FindsANamedCookieAmongOthers) {
    struct Case {
        const char* header;
        const char* name;
        std::optional<std::string> expected;
    };
    const Case cases[] = {
        {"lang=en", "lang", "en"},
        {"a=1; lang=fr; b=2", "lang", "fr"},
        {"a=1;lang=en", "lang", "en"},
        {"  lang = \"en\" ", "lang", "en"},
        {"language=en", "lang", std::nullopt},
        {"xlang=en; lang=fr", "lang", "fr"},
        {"garbage; ;;=; lang=en", "lang", "en"},
        {"", "lang", std::nullopt},
        {"lang=", "lang", ""},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(find_cookie(c.header, c.name), c.expected) << c.header;
        const auto in_jar = CookieJar::parse(c.header).find(c.name);
        EXPECT_EQ(in_jar ? std::optional<std::string>(std::string(*in_jar)) : std::nullopt, c.expected) << c.header;
    }
}

TEST(CookieJar, KeepsTheFirstOfARepeatedNameAndAllOthers) {
    const CookieJar jar = CookieJar::parse("a=1; b=2; a=3; =x; c");
    EXPECT_EQ(jar.size(), 2u);
    EXPECT_EQ(jar.find("a"), "1");
    EXPECT_EQ(jar.find("b"), "2");
    EXPECT_EQ(jar.find("c"), std::nullopt);
    std::string many;
    for (int i = 0; i < 200; ++i) {
        many += "k" + std::to_string(i) + "=v; ";
    }
    EXPECT_EQ(CookieJar::parse(many).size(), 64u) << "a flood of pairs is read up to a bound";
}

TEST(Cookies, SetCookieCarriesTheRequestedAttributes) {
    EXPECT_EQ(make_set_cookie("lang", "en", {3600, SameSite::lax, CookieTransport::any, CookieScript::readable}),
              "lang=en; Path=/; Max-Age=3600; SameSite=Lax");
    EXPECT_EQ(make_set_cookie("__Host-s", "abc",
                              {-1, SameSite::strict, CookieTransport::https_only, CookieScript::http_only}),
              "__Host-s=abc; Path=/; SameSite=Strict; Secure; HttpOnly");
}

}  // namespace
}  // namespace guichet::web
