#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/instant.h"

namespace guichet::identity {

// One line of the audit log: who did what to which account, when, from where. Kept when an account is closed.
struct AuditEvent {
    core::CommuneId commune{0};
    std::optional<core::AccountId> account;  // the account concerned
    std::optional<core::AccountId> actor;    // who acted, when not the account itself (an agent)
    std::string kind;  // "login_success", "login_failure", "logout", "password_changed", "role_changed", …
    std::string ip;
    std::string detail;  // short, without secrets: "username", "via reset link", the identifier tried…
    core::Instant at{};
};

}  // namespace guichet::identity
