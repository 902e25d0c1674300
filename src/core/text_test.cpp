#include "core/text.h"

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

TEST(Text, CountsCodePointsNotBytes) {
    struct Case {
        const char* text;
        std::size_t expected;
    };
    const Case cases[] = {
        {"", 0},
        {"abc", 3},
        {"\xC3\xA9t\xC3\xA9", 3},  // "été"
        {"\xF0\x9F\x94\x91", 1},   // 🔑
        {"\xE2\x82\xAC"
         "42",
         3},          // "€42"
        {"\xC3", 1},  // truncated sequence: one per byte
        {"\xFF\xFE", 2},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(count_code_points(c.text), c.expected) << c.text;
    }
}

TEST(Text, CleanUtf8RefusesControlsAndBrokenSequences) {
    EXPECT_TRUE(is_clean_utf8("Cl\xC3\xA9 enfance\r\nligne 2\t!"));
    EXPECT_FALSE(is_clean_utf8(std::string("a\0b", 3)));
    EXPECT_FALSE(is_clean_utf8("\x1B[31m"));
    EXPECT_FALSE(is_clean_utf8("\xC0\xAF"));      // overlong '/'
    EXPECT_FALSE(is_clean_utf8("\xED\xA0\x80"));  // surrogate
    EXPECT_FALSE(is_clean_utf8("\xC3"));
}

TEST(Text, FrenchUppercaseKeepsAccents) {
    EXPECT_EQ(uppercase_fr("Dupont"), "DUPONT");
    EXPECT_EQ(uppercase_fr("Lef\xC3\xA8vre"), "LEF\xC3\x88VRE");
    EXPECT_EQ(uppercase_fr("d'\xC5\x93uf"), "D'\xC5\x92UF");
    EXPECT_EQ(uppercase_fr("\xC3\xBF"), "\xC5\xB8");
    EXPECT_EQ(uppercase_fr("\xC3\xB7"), "\xC3\xB7");  // ÷ stays
    EXPECT_EQ(uppercase_fr("\xE5\xB1\xB1"
                           "a"),
              "\xE5\xB1\xB1"
              "A");
}

TEST(Text, SanitizedTextIsValidAndCutBetweenCharacters) {
    EXPECT_EQ(sanitize_utf8("Mozilla/5.0", 256), "Mozilla/5.0");
    EXPECT_EQ(sanitize_utf8("a\xFF"
                            "b",
                            10),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(sanitize_utf8("a\nb", 10),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(sanitize_utf8("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
    EXPECT_TRUE(is_clean_utf8(sanitize_utf8(std::string(300, '\xC3'), 256)));
}

TEST(Text, LowercaseAndTrimAreAsciiOnly) {
    EXPECT_EQ(ascii_lowercase("Marie.DUPONT@Exemple.FR"), "marie.dupont@exemple.fr");
    EXPECT_EQ(ascii_lowercase("\xC3\x89"), "\xC3\x89");
    EXPECT_EQ(trim("  a b \t\n"), "a b");
    EXPECT_EQ(trim(" \t "), "");
}

TEST(Text, GroupsDigitsByThree) {
    struct Case {
        unsigned long long value;
        std::string_view separator;
        std::string_view expected;
    };
    const Case cases[] = {
        {0, ",", "0"},
        {999, ",", "999"},
        {1000, ",", "1,000"},
        {20000, ",", "20,000"},
        {1234567, ",", "1,234,567"},
        {1500, "\u202F", "1\u202F500"},
        {100000, " ", "100 000"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(group_digits(c.value, c.separator), c.expected) << c.value;
    }
}

}  // namespace
}  // namespace guichet::core
