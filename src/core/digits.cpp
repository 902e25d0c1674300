#include "core/digits.h"

namespace guichet::core {

namespace {

constexpr std::size_t kMaxDigits = 9;

}  // namespace

std::optional<unsigned> parse_digits(std::string_view text) noexcept {
    if (text.empty() || text.size() > kMaxDigits) {
        return std::nullopt;
    }
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value;
}

}  // namespace guichet::core
