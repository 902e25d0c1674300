#include "identity/account_token.h"

#include <array>
#include <utility>

namespace guichet::identity {
namespace {

constexpr std::array<std::pair<TokenPurpose, std::string_view>, 4> kPurposes = {{
    {TokenPurpose::confirm_email, "confirm_email"},
    {TokenPurpose::password_reset, "password_reset"},
    {TokenPurpose::email_change, "email_change"},
    {TokenPurpose::set_password, "set_password"},
}};

}  // namespace

std::string_view token_purpose_name(TokenPurpose purpose) {
    for (const auto& [value, name] : kPurposes) {
        if (value == purpose) {
            return name;
        }
    }
    return "confirm_email";
}

std::optional<TokenPurpose> token_purpose_from_name(std::string_view name) {
    for (const auto& [value, known] : kPurposes) {
        if (known == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::chrono::seconds token_lifetime(TokenPurpose purpose) {
    using namespace std::chrono_literals;
    switch (purpose) {
        case TokenPurpose::confirm_email:
        case TokenPurpose::email_change:
            return 24h;
        case TokenPurpose::password_reset:
            return 30min;
        case TokenPurpose::set_password:
            return 7 * 24h;
    }
    return 30min;
}

}  // namespace guichet::identity
