#pragma once

#include <chrono>

#include "core/instant.h"
#include "core/result.h"
#include "identity/account_token.h"
#include "identity/login_throttle.h"
#include "storage/database.h"

namespace guichet::storage {

struct SweepReport {
    long long sessions = 0;
    long long tokens = 0;
    long long throttles = 0;
    long long signups = 0;
};

// Deletes what no longer serves: sessions past their idle or absolute limit, single-use links used or expired more
// than `keep_links` ago, throttling rows whose window ended (the longest window of any rule) and that block nothing,
// and sign-ups never confirmed: accounts waiting for confirmation, older than `signup_link` (the confirmation link's
// lifetime), with no live confirmation link left (a link sent again keeps its account). Idempotent, so every process
// sharing a database may run it.
[[nodiscard]] core::Result<SweepReport> sweep_expired(
    Database& database, core::Instant now, std::chrono::seconds session_idle, std::chrono::seconds session_absolute,
    std::chrono::seconds keep_links = std::chrono::hours(24 * 30),
    std::chrono::seconds signup_link = identity::token_lifetime(identity::TokenPurpose::confirm_email));

}  // namespace guichet::storage
