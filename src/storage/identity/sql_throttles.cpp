#include "storage/identity/sql_throttles.h"

#include "storage/sql_query.h"

namespace guichet::storage {

core::Result<identity::ThrottleState> SqlThrottles::state(std::string_view key) {
    const std::string wanted(key);
    long long window = 0, blocked = 0;
    int failures = 0;
    m_session << "SELECT window_start_us, failures, blocked_until_us FROM throttle WHERE key = :k", soci::use(wanted),
        soci::into(window), soci::into(failures), soci::into(blocked);
    if (!m_session.got_data()) {
        return identity::ThrottleState{};
    }
    return identity::ThrottleState{from_micros(window), failures, from_micros(blocked)};
}

core::Status SqlThrottles::save(std::string_view key, const identity::ThrottleState& state) {
    const std::string wanted(key);
    long long window = to_micros(state.window_start), blocked = to_micros(state.blocked_until);
    int failures = state.failures;
    m_session << "INSERT INTO throttle (key, window_start_us, failures, blocked_until_us) VALUES (:k, :w, :f, :b) "
                 "ON CONFLICT (key) DO UPDATE SET window_start_us = excluded.window_start_us, failures = "
                 "excluded.failures, blocked_until_us = excluded.blocked_until_us",
        soci::use(wanted), soci::use(window), soci::use(failures), soci::use(blocked);
    return {};
}

core::Status SqlThrottles::clear(std::string_view key) {
    const std::string wanted(key);
    m_session << "DELETE FROM throttle WHERE key = :k", soci::use(wanted);
    return {};
}

}  // namespace guichet::storage
