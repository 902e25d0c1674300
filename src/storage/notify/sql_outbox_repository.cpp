#include "storage/notify/sql_outbox_repository.h"

#include <nlohmann/json.hpp>

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

constexpr const char* kColumns =
    "id, commune_id, recipient, template, language, variables, status, attempts, next_attempt_at_us, last_error, "
    "created_at_us, sent_at_us";

struct OutboxRow {
    long long id = 0, commune = 0, next = 0, created = 0;
    int attempts = 0;
    std::string recipient, template_name, language, variables, status, error;
    OptionalInstantColumn sent;

    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(recipient));
        s.exchange(soci::into(template_name));
        s.exchange(soci::into(language));
        s.exchange(soci::into(variables));
        s.exchange(soci::into(status));
        s.exchange(soci::into(attempts));
        s.exchange(soci::into(next));
        s.exchange(soci::into(error));
        s.exchange(soci::into(created));
        s.exchange(soci::into(sent.micros, sent.indicator));
    }

    [[nodiscard]] notify::OutboxMessage value() const {
        notify::OutboxMessage message;
        message.id = core::OutboxMessageId{id};
        message.request.commune = core::CommuneId{commune};
        message.request.to = recipient;
        message.request.template_name = template_name;
        message.request.language = language;
        const auto parsed = nlohmann::json::parse(variables, nullptr, false);
        if (parsed.is_object()) {
            for (const auto& [key, value] : parsed.items()) {
                if (value.is_string()) {
                    message.request.variables[key] = value.get<std::string>();
                }
            }
        }
        message.status = notify::outbox_status_from_name(status).value_or(notify::OutboxStatus::failed);
        message.attempts = attempts;
        message.next_attempt_at = from_micros(next);
        message.last_error = error;
        message.created_at = from_micros(created);
        message.sent_at = sent.get();
        return message;
    }
};

}  // namespace

core::Result<std::vector<notify::OutboxMessage>> SqlOutboxRepository::claim_due(core::Instant now,
                                                                                std::chrono::seconds lease,
                                                                                std::size_t limit) {
    const bool postgres = m_database.backend() == Backend::postgresql;
    return m_database.transact([&](soci::session& session) -> core::Result<std::vector<notify::OutboxMessage>> {
        long long when = to_micros(now), until = to_micros(now + lease);
        long long count = static_cast<long long>(limit);
        const std::string sql =
            std::string(
                "UPDATE outbox_message SET status = 'sending', lease_until_us = :until WHERE id IN (SELECT "
                "id FROM outbox_message WHERE (status = 'pending' AND next_attempt_at_us <= :now) OR (status "
                "= 'sending' AND lease_until_us <= :now2) ORDER BY id LIMIT :n") +
            (postgres ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " + kColumns;
        auto claimed = query_rows<OutboxRow>(session, sql, [&](soci::statement& s) {
            s.exchange(soci::use(until));
            s.exchange(soci::use(when));
            s.exchange(soci::use(when));
            s.exchange(soci::use(count));
        });
        std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        return claimed;
    });
}

core::Status SqlOutboxRepository::record_attempt(const notify::OutboxMessage& message) {
    return m_database.transact([&](soci::session& session) -> core::Status {
        long long id = message.id.value(), next = to_micros(message.next_attempt_at);
        int attempts = message.attempts;
        const std::string status(notify::outbox_status_name(message.status));
        OptionalInstantColumn sent;
        sent.set(message.sent_at);
        session << "UPDATE outbox_message SET status = :s, attempts = :a, next_attempt_at_us = :n, last_error = :e, "
                   "sent_at_us = :t, lease_until_us = 0 WHERE id = :id",
            soci::use(status), soci::use(attempts), soci::use(next), soci::use(message.last_error),
            soci::use(sent.micros, sent.indicator), soci::use(id);
        if (message.status == notify::OutboxStatus::sent || message.status == notify::OutboxStatus::failed) {
            // Once delivered (or given up), the link's secret has no reason to stay in the database, where a copy
            // of it or an administrator could use it.
            auto variables = message.request.variables;
            variables.erase("token");
            variables.erase("key");
            const std::string json =
                nlohmann::json(variables).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            session << "UPDATE outbox_message SET variables = :v WHERE id = :id", soci::use(json), soci::use(id);
        }
        return {};
    });
}

core::Result<std::vector<notify::OutboxMessage>> SqlOutboxRepository::recent(core::CommuneId commune,
                                                                             std::size_t limit) {
    return m_database.read([&](soci::session& session) -> core::Result<std::vector<notify::OutboxMessage>> {
        long long commune_id = commune.value(), count = static_cast<long long>(limit);
        return query_rows<OutboxRow>(
            session,
            std::string("SELECT ") + kColumns + " FROM outbox_message WHERE commune_id = :c ORDER BY id DESC LIMIT :n",
            [&](soci::statement& s) {
                s.exchange(soci::use(commune_id));
                s.exchange(soci::use(count));
            });
    });
}

core::Result<std::optional<notify::OutboxMessage>> SqlOutboxRepository::find(core::CommuneId commune,
                                                                             core::OutboxMessageId id) {
    return m_database.read([&](soci::session& session) -> core::Result<std::optional<notify::OutboxMessage>> {
        long long commune_id = commune.value(), message_id = id.value();
        auto rows = query_rows<OutboxRow>(
            session, std::string("SELECT ") + kColumns + " FROM outbox_message WHERE commune_id = :c AND id = :id",
            [&](soci::statement& s) {
                s.exchange(soci::use(commune_id));
                s.exchange(soci::use(message_id));
            });
        if (rows.empty()) {
            return std::optional<notify::OutboxMessage>{};
        }
        return std::optional<notify::OutboxMessage>{std::move(rows.front())};
    });
}

}  // namespace guichet::storage
