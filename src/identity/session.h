#pragma once

#include <chrono>
#include <string>

#include "core/ids.h"
#include "core/instant.h"

namespace guichet::identity {

// A signed-in browser. The cookie holds a random token; the database holds only its digest.
struct Session {
    std::string digest;  // token_digest(cookie value)
    core::AccountId account{0};
    core::CommuneId commune{0};
    core::Instant created_at{};
    core::Instant last_seen_at{};
    std::string ip;
    std::string user_agent;
};

// How long a session lives: it ends after `idle` without a request, and in any case `absolute` after sign-in
// (OWASP ASVS 3.3: 30 minutes idle and 12 hours absolute by default).
struct SessionPolicy {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds absolute{12 * 60 * 60};
    // last_seen_at is written at most this often, so that reading pages does not cost a write each time.
    std::chrono::seconds touch_interval{60};

    [[nodiscard]] bool is_alive(const Session& session, core::Instant now) const {
        return now < session.last_seen_at + idle && now < session.created_at + absolute;
    }
    [[nodiscard]] bool needs_touch(const Session& session, core::Instant now) const {
        return now >= session.last_seen_at + touch_interval;
    }
};

}  // namespace guichet::identity
