#include "core/digits.h"

#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

TEST(ParseDigits, ReadsStringsMadeOnlyOfAsciiDigits) {
    struct Case {
        std::string_view text;
        unsigned value;
    };
    const Case cases[] = {{"0", 0}, {"7", 7}, {"007", 7}, {"2019", 2019}, {"999999999", 999999999}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        EXPECT_EQ(parse_digits(c.text), std::optional<unsigned>(c.value));
    }
}

TEST(ParseDigits, RejectsAnythingElse) {
    const std::string_view cases[] = {
        "",            // nothing to read
        "-1",          // signs are not digits
        "+1",          //
        " 1",          // nor are spaces
        "1 ",          //
        "1a",          // trailing junk
        "0x1",         // no other bases
        "1000000000",  // ten digits could overflow, so they are refused
        "\xD9\xA1",    // ARABIC-INDIC DIGIT ONE is a digit, but not an ASCII one
    };
    for (std::string_view text : cases) {
        SCOPED_TRACE(std::string(text));
        EXPECT_EQ(parse_digits(text), std::nullopt);
    }
}

}  // namespace
}  // namespace guichet::core
