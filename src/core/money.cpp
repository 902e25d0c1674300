#include "core/money.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace guichet::core {

namespace {

// UTF-8 spellings of the characters French typography puts in amounts.
constexpr std::string_view kNoBreakSpace = "\u00A0";
constexpr std::string_view kNarrowNoBreakSpace = "\u202F";
constexpr std::string_view kEuroSign = "\u20AC";

constexpr std::uint64_t kMaxCents = std::numeric_limits<std::int64_t>::max();

// Catalogue keys of the messages (assets/i18n). They are shown next to the form field, so their texts say what to
// type rather than what went wrong inside.
constexpr std::string_view kEmptyKey = "err_amount_empty";
constexpr std::string_view kMalformedKey = "err_amount_format";
constexpr std::string_view kTooManyDecimalsKey = "err_amount_decimals";
constexpr std::string_view kTooLargeKey = "err_amount_too_large";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Removes one grouping space (ASCII, NBSP or NNBSP) from the front of `text`, returning whether there was one.
bool consume_group_space(std::string_view& text) {
    for (std::string_view space : {std::string_view(" "), kNoBreakSpace, kNarrowNoBreakSpace}) {
        if (text.starts_with(space)) {
            text.remove_prefix(space.size());
            return true;
        }
    }
    return false;
}

// Removes the trailing euro sign and any spaces before it, so that "42,50 €" reads like "42,50".
void strip_euro_sign(std::string_view& text) {
    if (!text.ends_with(kEuroSign)) {
        return;
    }
    text.remove_suffix(kEuroSign.size());
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (std::string_view space : {std::string_view(" "), kNoBreakSpace, kNarrowNoBreakSpace}) {
            if (text.ends_with(space)) {
                text.remove_suffix(space.size());
                stripped = true;
            }
        }
    }
}

// Moves the leading digits of `text` into `value`, returning how many there were. `overflow` becomes true when the
// value passes kMaxCents, which is a sufficient bound because the whole part is multiplied by 100 afterwards anyway.
std::size_t consume_digits(std::string_view& text, std::uint64_t& value, bool& overflow) {
    std::size_t count = 0;
    while (!text.empty() && is_digit(text.front())) {
        const auto digit = static_cast<std::uint64_t>(text.front() - '0');
        if (value > (kMaxCents - digit) / 10) {
            overflow = true;
        } else {
            value = value * 10 + digit;
        }
        text.remove_prefix(1);
        ++count;
    }
    return count;
}

}  // namespace

Result<Money> Money::parse_fr(std::string_view text) {
    while (!text.empty() && is_ascii_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_ascii_space(text.back())) {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        return fail(ErrorCode::invalid_input, std::string(kEmptyKey));
    }
    strip_euro_sign(text);
    const bool negative = text.starts_with('-');
    if (negative) {
        text.remove_prefix(1);
    }

    // Whole part: either plain digits, or a first group of one to three digits followed by groups of exactly three,
    // each after one grouping space. Stricter grouping would refuse "1234", looser would accept typos like "12 34".
    std::uint64_t whole = 0;
    bool overflow = false;
    const std::size_t first_group = consume_digits(text, whole, overflow);
    if (first_group == 0) {
        return fail(ErrorCode::invalid_input, std::string(kMalformedKey));
    }
    bool grouped = false;
    while (consume_group_space(text)) {
        if ((!grouped && first_group > 3) || consume_digits(text, whole, overflow) != 3) {
            return fail(ErrorCode::invalid_input, std::string(kMalformedKey));
        }
        grouped = true;
    }

    std::uint64_t fraction = 0;
    if (!text.empty() && (text.front() == ',' || text.front() == '.')) {
        text.remove_prefix(1);
        bool unused_overflow = false;
        const std::size_t decimals = consume_digits(text, fraction, unused_overflow);
        if (decimals == 0) {
            return fail(ErrorCode::invalid_input, std::string(kMalformedKey));
        }
        if (decimals > 2) {
            // Only complain about decimals when the rest is well formed, otherwise "1,234,5" would get that message.
            return fail(ErrorCode::invalid_input, std::string(text.empty() ? kTooManyDecimalsKey : kMalformedKey));
        }
        if (decimals == 1) {
            fraction *= 10;
        }
    }
    if (!text.empty()) {
        return fail(ErrorCode::invalid_input, std::string(kMalformedKey));
    }
    if (overflow || whole > (kMaxCents - fraction) / 100) {
        return fail(ErrorCode::invalid_input, std::string(kTooLargeKey));
    }
    const auto cents = static_cast<std::int64_t>(whole * 100 + fraction);
    return Money(negative ? -cents : cents);
}

std::string Money::format_fr() const {
    // Work on the magnitude in unsigned arithmetic, so that the most negative amount has a representable opposite.
    const std::uint64_t magnitude =
        m_cents < 0 ? 0 - static_cast<std::uint64_t>(m_cents) : static_cast<std::uint64_t>(m_cents);
    const std::string euros = std::to_string(magnitude / 100);
    const std::uint64_t remainder = magnitude % 100;

    std::string out;
    out.reserve(euros.size() * 2 + 16);
    if (m_cents < 0) {
        out += '-';
    }
    for (std::size_t i = 0; i < euros.size(); ++i) {
        if (i > 0 && (euros.size() - i) % 3 == 0) {
            out += kNarrowNoBreakSpace;
        }
        out += euros[i];
    }
    out += ',';
    out += static_cast<char>('0' + remainder / 10);
    out += static_cast<char>('0' + remainder % 10);
    out += kNoBreakSpace;
    out += kEuroSign;
    return out;
}

}  // namespace guichet::core
