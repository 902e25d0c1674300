#include "core/money.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// Non-ASCII characters are spelled as escapes so that the expected bytes are visible and editor-proof:
// \u00A0 NO-BREAK SPACE, \u202F NARROW NO-BREAK SPACE, \u20AC EURO SIGN.
TEST(MoneyFormatFr, WritesCommaDecimalsGroupedThousandsAndANonBreakingEuroSign) {
    struct Case {
        std::int64_t cents;
        std::string_view text;
    };
    const Case cases[] = {
        {4250, "42,50\u00A0\u20AC"},
        {0, "0,00\u00A0\u20AC"},
        {5, "0,05\u00A0\u20AC"},
        {-305, "-3,05\u00A0\u20AC"},
        {-5, "-0,05\u00A0\u20AC"},
        {99999, "999,99\u00A0\u20AC"},
        {100000, "1\u202F000,00\u00A0\u20AC"},
        {123456789, "1\u202F234\u202F567,89\u00A0\u20AC"},
        {-123456789, "-1\u202F234\u202F567,89\u00A0\u20AC"},
        {kMax, "92\u202F233\u202F720\u202F368\u202F547\u202F758,07\u00A0\u20AC"},
        {kMin, "-92\u202F233\u202F720\u202F368\u202F547\u202F758,08\u00A0\u20AC"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.cents);
        EXPECT_EQ(Money::from_cents(c.cents).format_fr(), c.text);
    }
}

TEST(MoneyFormatFr, EmitsUtf8BytesForTheSpacesAndTheEuroSign) {
    // The same expectations as raw bytes, in case a compiler's execution character set were not UTF-8.
    EXPECT_EQ(Money::from_cents(4250).format_fr(), "42,50\xC2\xA0\xE2\x82\xAC");
    EXPECT_EQ(Money::from_cents(123456).format_fr(),
              "1\xE2\x80\xAF"
              "234,56\xC2\xA0\xE2\x82\xAC");
}

TEST(MoneyParseFr, AcceptsTheWaysPeopleWriteAmounts) {
    struct Case {
        std::string_view text;
        std::int64_t cents;
    };
    const Case cases[] = {
        {"42,50", 4250},
        {"42.50", 4250},
        {"42", 4200},
        {"42,5", 4250},
        {"0,05", 5},
        {"0", 0},
        {"-0", 0},
        {"-3,05", -305},
        {"1 234,50", 123450},
        {"1\u00A0234,50", 123450},
        {"1\u202F234\u202F567,89", 123456789},
        {"1234567", 123456700},
        {"42,50\u20AC", 4250},
        {"42,50 \u20AC", 4250},
        {"42,50\u00A0\u20AC", 4250},
        {"-3,05\u00A0\u20AC", -305},
        {"  42,50  ", 4250},
        {"92233720368547758,07", kMax},
        {"-92233720368547758,07", -kMax},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        const auto parsed = Money::parse_fr(c.text);
        ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
        EXPECT_EQ(parsed->cents(), c.cents);
    }
}

TEST(MoneyParseFr, ReadsBackWhatFormatFrWrites) {
    const std::int64_t cases[] = {0, 1, -1, 4250, -305, 100000, 123456789, -987654321012};
    for (std::int64_t cents : cases) {
        SCOPED_TRACE(cents);
        const auto parsed = Money::parse_fr(Money::from_cents(cents).format_fr());
        ASSERT_TRUE(parsed.has_value()) << describe(parsed.error());
        EXPECT_EQ(parsed->cents(), cents);
    }
}

TEST(MoneyParseFr, RejectsMalformedAmountsWithTheKeyOfWhatToType) {
    struct Case {
        std::string_view text;
        std::string_view key;
    };
    constexpr std::string_view kMalformed = "err_amount_format";
    constexpr std::string_view kDecimals = "err_amount_decimals";
    constexpr std::string_view kTooLarge = "err_amount_too_large";
    const Case cases[] = {
        {"", "err_amount_empty"},
        {"   ", "err_amount_empty"},
        {"abc", kMalformed},
        {"\u20AC", kMalformed},
        {"42,505", kDecimals},
        {"0.001", kDecimals},
        {"42,", kMalformed},
        {",50", kMalformed},
        {"42,5a", kMalformed},
        {"4 2", kMalformed},
        {"12 34", kMalformed},
        {"1234 567", kMalformed},
        {"1  234", kMalformed},
        {"1 234 5", kMalformed},
        {"1.234,50", kMalformed},
        {"42,50,1", kMalformed},
        {"--42", kMalformed},
        {"- 42", kMalformed},
        {"+42", kMalformed},
        {"\u20AC42", kMalformed},
        {"42 EUR", kMalformed},
        {"1e3", kMalformed},
        {"92233720368547758,08", kTooLarge},
        {"99999999999999999999999", kTooLarge},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.text));
        const auto parsed = Money::parse_fr(c.text);
        ASSERT_FALSE(parsed.has_value()) << parsed->cents();
        EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(parsed.error().key, c.key);
        EXPECT_TRUE(parsed.error().field.empty());
    }
}

TEST(MoneyArithmetic, AddsSubtractsAndMultipliesExactly) {
    const Money a = Money::from_cents(1050);
    const Money b = Money::from_cents(320);
    EXPECT_EQ((a + b).cents(), 1370);
    EXPECT_EQ((a - b).cents(), 730);
    EXPECT_EQ((b - a).cents(), -730);
    EXPECT_EQ((-a).cents(), -1050);
    EXPECT_EQ((Money::from_cents(420) * 3).cents(), 1260);
    EXPECT_EQ((3 * Money::from_cents(420)).cents(), 1260);
    EXPECT_EQ((Money::from_cents(420) * 0).cents(), 0);
    EXPECT_EQ((Money::from_cents(420) * -2).cents(), -840);
    // The classic floating-point trap: ten times ten cents is exactly one euro.
    Money total;
    for (int i = 0; i < 10; ++i) {
        total += Money::from_cents(10);
    }
    EXPECT_EQ(total, Money::from_cents(100));
    total -= Money::from_cents(250);
    EXPECT_EQ(total.cents(), -150);
}

TEST(MoneyComparison, OrdersByValueAndKnowsNegatives) {
    struct Case {
        std::int64_t cents;
        bool negative;
    };
    const Case cases[] = {{-1, true}, {kMin, true}, {0, false}, {1, false}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.cents);
        EXPECT_EQ(Money::from_cents(c.cents).is_negative(), c.negative);
    }
    EXPECT_LT(Money::from_cents(-1), Money());
    EXPECT_GT(Money::from_cents(100), Money::from_cents(99));
    EXPECT_EQ(Money(), Money::from_cents(0));
    EXPECT_NE(Money::from_cents(1), Money::from_cents(-1));
}

}  // namespace
}  // namespace guichet::core
