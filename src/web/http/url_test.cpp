#include "web/http/url.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

TEST(Url, PercentDecodingRefusesMalformedEscapesAndNul) {
    struct Case {
        const char* text;
        bool plus_is_space;
        std::optional<std::string> expected;
    };
    const Case cases[] = {
        {"caf%C3%A9", false, "caf\xC3\xA9"}, {"a+b", false, "a+b"},          {"a+b", true, "a b"},
        {"100%25", false, "100%"},           {"%", false, std::nullopt},     {"%4", false, std::nullopt},
        {"%zz", false, std::nullopt},        {"a%00b", false, std::nullopt}, {"", false, ""},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(percent_decode(c.text, c.plus_is_space), c.expected) << c.text;
    }
}

TEST(Url, QueryPairsKeepOrderAndDecode) {
    const auto pairs = parse_query("lang=en&nom=Dupont+Martin&&vide=&seul");
    ASSERT_TRUE(pairs.has_value());
    ASSERT_EQ(pairs->size(), 4u);
    EXPECT_EQ((*pairs)[1].second, "Dupont Martin");
    EXPECT_EQ((*pairs)[2].second, "");
    EXPECT_EQ((*pairs)[3].first, "seul");
    EXPECT_EQ(query_value("lang=en&lang=fr", "lang"), "en");
    EXPECT_EQ(query_value("x=%zz", "x"), std::nullopt);
}

TEST(Url, EncodingRoundTripsThroughDecoding) {
    const std::string path = "/chanteloup-les-vignes/mon-compte?x=1&y=\xC3\xA9";
    EXPECT_EQ(url_encode(path), "/chanteloup-les-vignes/mon-compte%3Fx%3D1%26y%3D%C3%A9");
    EXPECT_EQ(percent_decode(url_encode(path), true), path);
}

}  // namespace
}  // namespace guichet::web
