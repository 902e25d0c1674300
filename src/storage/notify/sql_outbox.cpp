#include "storage/notify/sql_outbox.h"

#include <nlohmann/json.hpp>

#include "storage/sql_query.h"

namespace guichet::storage {

core::Status SqlOutbox::enqueue(const notify::MailRequest& mail) {
    long long commune = mail.commune.value(), created = to_micros(m_clock.now()), zero = 0;
    const std::string variables =
        nlohmann::json(mail.variables).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string status = m_delivery == MailDelivery::hold ? "held" : "pending";
    const std::string no_error;
    int attempts = 0;
    m_session << "INSERT INTO outbox_message (commune_id, recipient, template, language, variables, status, attempts, "
                 "next_attempt_at_us, lease_until_us, last_error, created_at_us) VALUES (:c, :r, :t, :l, :v, :s, :a, "
                 ":n, :lease, :e, :cr)",
        soci::use(commune), soci::use(mail.to), soci::use(mail.template_name), soci::use(mail.language),
        soci::use(variables), soci::use(status), soci::use(attempts), soci::use(created), soci::use(zero),
        soci::use(no_error), soci::use(created);
    m_queued_mail = true;
    return {};
}

core::Status SqlOutbox::drop_unsent_to(core::CommuneId commune, std::string_view address) {
    long long commune_id = commune.value();
    const std::string wanted(address);
    m_session << "DELETE FROM outbox_message WHERE commune_id = :c AND recipient = :r AND status IN "
                 "('pending', 'held', 'failed')",
        soci::use(commune_id), soci::use(wanted);
    return {};
}

}  // namespace guichet::storage
