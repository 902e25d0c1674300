#include "family/childcare_key.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace guichet::family {
namespace {

TEST(ChildcareKey, KeysHaveSixtyBitsFromAnAlphabetWithoutLookAlikes) {
    EXPECT_EQ(kKeyAlphabet.size(), 32u);
    EXPECT_GE(std::log2(static_cast<double>(kKeyAlphabet.size())) * kKeyLength, 60.0);
    for (char ambiguous : {'0', 'O', '1', 'I'}) {
        EXPECT_EQ(kKeyAlphabet.find(ambiguous), std::string_view::npos) << ambiguous;
    }
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string key = generate_childcare_key();
        ASSERT_EQ(key.size(), kKeyLength);
        EXPECT_EQ(parse_childcare_key(key), key);
        EXPECT_TRUE(seen.insert(key).second);
    }
}

TEST(ChildcareKey, TypedKeysAreReadForgivingly) {
    struct Case {
        const char* typed;
        std::optional<std::string> canonical;
    };
    const Case cases[] = {
        {"K7QM-3XH9-P2TD", "K7QM3XH9P2TD"},  {"k7qm 3xh9 p2td", "K7QM3XH9P2TD"},
        {"  K7QM3XH9P2TD ", "K7QM3XH9P2TD"}, {"K7QM-3XH9-P2T", std::nullopt},
        {"K7QM-3XH9-P2TDX", std::nullopt},   {"K7QM-3XH9-P2T0", std::nullopt},  // 0 never appears in a key
        {"K7QM-3XH9-P2TO", std::nullopt},    {"K7QM-3XH9-P2T\xC3\x89", std::nullopt},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(parse_childcare_key(c.typed), c.canonical) << c.typed;
    }
    EXPECT_EQ(format_childcare_key("K7QM3XH9P2TD"), "K7QM-3XH9-P2TD");
}

TEST(ChildcareKey, DigestsDependOnTheServerSecret) {
    const std::string a(32, 'a');
    const std::string b(32, 'b');
    EXPECT_EQ(childcare_key_digest("K7QM3XH9P2TD", a), childcare_key_digest("K7QM3XH9P2TD", a));
    EXPECT_NE(childcare_key_digest("K7QM3XH9P2TD", a), childcare_key_digest("K7QM3XH9P2TD", b));
    EXPECT_NE(childcare_key_digest("K7QM3XH9P2TD", a), childcare_key_digest("K7QM3XH9P2TE", a));
}

}  // namespace
}  // namespace guichet::family
