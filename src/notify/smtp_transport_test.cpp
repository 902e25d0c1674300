#include "notify/smtp_transport.h"

#include <gtest/gtest.h>

namespace guichet::notify {
namespace {

TEST(SmtpHeaders, AsciiValuesStayAsTheyAreWithoutLineBreaks) {
    EXPECT_EQ(encode_header_value("Your account"), "Your account");
    EXPECT_EQ(encode_header_value("Hello\r\nBcc: victim@example.com"), "HelloBcc: victim@example.com");
}

TEST(SmtpHeaders, NonAsciiValuesBecomeEncodedWordsCutBetweenCharacters) {
    EXPECT_EQ(encode_header_value("R\xC3\xA9initialisation"), "=?UTF-8?B?UsOpaW5pdGlhbGlzYXRpb24=?=");
    // 30 × "é" (60 bytes) cannot fit in one 45-byte word, and a word never ends in the middle of "é".
    std::string long_value;
    for (int i = 0; i < 30; ++i) {
        long_value += "\xC3\xA9";
    }
    const std::string encoded = encode_header_value(long_value);
    EXPECT_EQ(encoded,
              "=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=\r\n"
              " =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqQ==?=");
}

TEST(SmtpHeaders, BrokenUtf8IsCutAnywayInsteadOfLoopingForever) {
    const std::string broken(100, '\x80');  // continuation bytes only
    const std::string encoded = encode_header_value(broken);
    EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
    EXPECT_NE(encoded.find("\r\n "), std::string::npos);
}

TEST(SmtpHeaders, BareAddressTakesWhatIsBetweenAngleBrackets) {
    EXPECT_EQ(bare_address("Guichet <no-reply@guichet.example>"), "no-reply@guichet.example");
    EXPECT_EQ(bare_address("parent@example.fr"), "parent@example.fr");
}

}  // namespace
}  // namespace guichet::notify
