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

core::Result<identity::ThrottleState> SqlThrottles::record_failure(std::string_view key,
                                                                   const identity::ThrottleRule& rule,
                                                                   core::Instant now) {
    const std::string wanted(key);
    long long at = to_micros(now), window_ended = to_micros(now - rule.window);
    long long at_again = at, ended_again = window_ended, window = 0, blocked = 0;
    int failures = 0;
    // One statement counts the failure: on PostgreSQL it takes the row's lock, held until the transaction ends, so
    // that a parallel failure waits and counts on top of this one; SQLite runs one writer at a time. SET reads the
    // row as it was before the statement.
    m_session << "INSERT INTO throttle (key, window_start_us, failures, blocked_until_us) VALUES (:k, :at, 1, 0) "
                 "ON CONFLICT (key) DO UPDATE SET "
                 "window_start_us = CASE WHEN throttle.window_start_us <= :ended THEN :at2 "
                 "ELSE throttle.window_start_us END, "
                 "failures = CASE WHEN throttle.window_start_us <= :ended2 THEN 1 ELSE throttle.failures + 1 END "
                 "RETURNING window_start_us, failures, blocked_until_us",
        soci::use(wanted), soci::use(at), soci::use(window_ended), soci::use(at_again), soci::use(ended_again),
        soci::into(window), soci::into(failures), soci::into(blocked);
    const identity::ThrottleState counted =
        rule.blocked_after({from_micros(window), failures, from_micros(blocked)}, now);
    long long until = to_micros(counted.blocked_until), until_again = until;
    if (until > blocked) {
        m_session << "UPDATE throttle SET blocked_until_us = :b WHERE key = :k AND blocked_until_us < :b2",
            soci::use(until), soci::use(wanted), soci::use(until_again);
    }
    return counted;
}

core::Status SqlThrottles::clear(std::string_view key) {
    const std::string wanted(key);
    m_session << "DELETE FROM throttle WHERE key = :k", soci::use(wanted);
    return {};
}

}  // namespace guichet::storage
