#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace guichet::core {

// An amount of euros, held as a whole number of cents so that sums of fees and refunds are exact (floating point
// would turn 0,10 € + 0,20 € into 0,30000000000000004 €). May be negative, for refunds and credits.
class Money {
  public:
    // Zero euros. A default exists because an empty total or balance is a natural starting point.
    constexpr Money() noexcept = default;

    // Returns the amount of exactly `cents` hundredths of a euro; any value, including negative ones, is accepted.
    [[nodiscard]] static constexpr Money from_cents(std::int64_t cents) noexcept { return Money(cents); }

    // Reads an amount typed by a person in French or English habits: "42,50", "42.50", "42", "42,5", "1 234,50".
    // Digits of the whole part may be grouped by threes with a space, a NO-BREAK SPACE (U+00A0) or a NARROW NO-BREAK
    // SPACE (U+202F). One decimal separator (comma or dot) may be followed by one or two digits. A leading "-" makes
    // the amount negative, and a trailing "€" (with or without a space before it) is allowed, so that the output of
    // format_fr reads back to the same amount. Surrounding ASCII whitespace is ignored. Anything else, more than two
    // decimals, or an amount whose cents do not fit in 64 bits fails with ErrorCode::invalid_input and a French
    // message; the error's field is left empty for the caller to fill in.
    [[nodiscard]] static Result<Money> parse_fr(std::string_view text);

    // Returns the amount in cents.
    [[nodiscard]] constexpr std::int64_t cents() const noexcept { return m_cents; }

    // Returns true when the amount is below zero (a refund or a credit); zero is not negative.
    [[nodiscard]] constexpr bool is_negative() const noexcept { return m_cents < 0; }

    // Returns the amount as French readers expect it: "42,50 €", "0,00 €", "-3,05 €", "1 234 567,89 €". Thousands are
    // grouped with NARROW NO-BREAK SPACE (U+202F), and a NO-BREAK SPACE (U+00A0) joins the number to the euro sign, so
    // that a line break never separates them. The text is UTF-8.
    [[nodiscard]] std::string format_fr() const;

    // Arithmetic is exact. The caller keeps results within the 64-bit range of cents (about 92 million billion
    // euros), far above any amount this application handles; going beyond it is undefined behaviour.
    constexpr Money& operator+=(Money other) noexcept {
        m_cents += other.m_cents;
        return *this;
    }
    constexpr Money& operator-=(Money other) noexcept {
        m_cents -= other.m_cents;
        return *this;
    }
    [[nodiscard]] friend constexpr Money operator+(Money a, Money b) noexcept { return a += b; }
    [[nodiscard]] friend constexpr Money operator-(Money a, Money b) noexcept { return a -= b; }
    [[nodiscard]] friend constexpr Money operator-(Money a) noexcept { return Money(-a.m_cents); }

    // Returns the price of `quantity` units at this unit price, e.g. three meals at 4,20 € make 12,60 €.
    [[nodiscard]] friend constexpr Money operator*(Money unit_price, std::int64_t quantity) noexcept {
        return Money(unit_price.m_cents * quantity);
    }
    [[nodiscard]] friend constexpr Money operator*(std::int64_t quantity, Money unit_price) noexcept {
        return unit_price * quantity;
    }

    // Amounts compare by their value in cents.
    friend constexpr bool operator==(Money, Money) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(Money, Money) noexcept = default;

  private:
    constexpr explicit Money(std::int64_t cents) noexcept : m_cents(cents) {}

    std::int64_t m_cents = 0;
};

}  // namespace guichet::core
