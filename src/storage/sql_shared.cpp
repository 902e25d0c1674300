#include "storage/sql_shared.h"

#include <nlohmann/json.hpp>

#include "storage/sql_query.h"

namespace guichet::storage {

void insert_outbox_message(soci::session& session, core::Instant now, MailDelivery delivery,
                           const notify::MailRequest& mail) {
    long long commune = mail.commune.value(), created = to_micros(now), zero = 0;
    const std::string variables =
        nlohmann::json(mail.variables).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string status = delivery == MailDelivery::hold ? "held" : "pending";
    const std::string no_error;
    int attempts = 0;
    session << "INSERT INTO outbox_message (commune_id, recipient, template, language, variables, status, attempts, "
               "next_attempt_at_us, lease_until_us, last_error, created_at_us) VALUES (:c, :r, :t, :l, :v, :s, :a, "
               ":n, :lease, :e, :cr)",
        soci::use(commune), soci::use(mail.to), soci::use(mail.template_name), soci::use(mail.language),
        soci::use(variables), soci::use(status), soci::use(attempts), soci::use(created), soci::use(zero),
        soci::use(no_error), soci::use(created);
}

identity::ThrottleState read_throttle(soci::session& session, std::string_view key) {
    const std::string wanted(key);
    long long window = 0, blocked = 0;
    int failures = 0;
    session << "SELECT window_start_us, failures, blocked_until_us FROM throttle WHERE key = :k", soci::use(wanted),
        soci::into(window), soci::into(failures), soci::into(blocked);
    if (!session.got_data()) {
        return identity::ThrottleState{};
    }
    return identity::ThrottleState{from_micros(window), failures, from_micros(blocked)};
}

void write_throttle(soci::session& session, std::string_view key, const identity::ThrottleState& state) {
    const std::string wanted(key);
    long long window = to_micros(state.window_start), blocked = to_micros(state.blocked_until);
    int failures = state.failures;
    session << "INSERT INTO throttle (key, window_start_us, failures, blocked_until_us) VALUES (:k, :w, :f, :b) "
               "ON CONFLICT (key) DO UPDATE SET window_start_us = excluded.window_start_us, failures = "
               "excluded.failures, blocked_until_us = excluded.blocked_until_us",
        soci::use(wanted), soci::use(window), soci::use(failures), soci::use(blocked);
}

}  // namespace guichet::storage
