#pragma once

#include <optional>
#include <string_view>

namespace guichet::core {

// Returns the value of `text` read as a decimal number when `text` consists of one to nine ASCII digits and nothing
// else, and std::nullopt otherwise. Signs, spaces and non-ASCII digits are refused, which is what the fixed-width
// fields of dates and times need; nine digits always fit in an unsigned int, so no overflow check is required.
[[nodiscard]] std::optional<unsigned> parse_digits(std::string_view text) noexcept;

}  // namespace guichet::core
