#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/instant.h"

namespace guichet::identity {

// What a single-use link does. Each purpose has its own lifetime; issuing a new link of a purpose for an account
// revokes the older ones.
enum class TokenPurpose { confirm_email, password_reset, email_change, set_password };

[[nodiscard]] std::string_view token_purpose_name(TokenPurpose purpose);
[[nodiscard]] std::optional<TokenPurpose> token_purpose_from_name(std::string_view name);

// Confirmation 24 h, reset 30 min, email change 24 h, agent invitation 7 days.
[[nodiscard]] std::chrono::seconds token_lifetime(TokenPurpose purpose);

struct AccountToken {
    std::string digest;
    core::AccountId account{0};
    core::CommuneId commune{0};
    TokenPurpose purpose = TokenPurpose::confirm_email;
    std::string new_email;  // for email_change: the address being confirmed
    core::Instant created_at{};
    core::Instant expires_at{};
    std::optional<core::Instant> used_at;

    // A token can be used once, before it expires, for the purpose it was made for.
    [[nodiscard]] bool usable_for(TokenPurpose wanted, core::Instant now) const {
        return purpose == wanted && !used_at && now < expires_at;
    }
};

}  // namespace guichet::identity
