#include "notify/outbox_dispatcher.h"

#include <nlohmann/json.hpp>

namespace guichet::notify {
namespace {

std::string json_line(const nlohmann::json& data) {
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

OutboxDispatcher::OutboxDispatcher(OutboxRepository& outbox, MailRenderer& renderer, MailTransport& transport,
                                   const core::Clock& clock, RetryPolicy policy, std::shared_ptr<spdlog::logger> log)
    : m_outbox(outbox),
      m_renderer(renderer),
      m_transport(transport),
      m_clock(clock),
      m_policy(policy),
      m_log(std::move(log)) {}

OutboxDispatcher::~OutboxDispatcher() {
    stop();
}

void OutboxDispatcher::start(std::chrono::milliseconds interval) {
    m_loop.start(interval, [this] { run_once(); });
}

void OutboxDispatcher::stop() {
    m_loop.stop();
}

void OutboxDispatcher::wake() {
    m_loop.wake();
}

std::size_t OutboxDispatcher::run_once() {
    std::size_t attempted = 0;
    for (;;) {
        auto claimed = m_outbox.claim_due(m_clock.now(), kLease, kBatch);
        if (!claimed) {
            m_log->error(json_line({{"event", "outbox_claim_failed"}, {"error", core::describe(claimed.error())}}));
            return attempted;
        }
        if (claimed->empty()) {
            return attempted;
        }
        for (auto& message : *claimed) {
            deliver(std::move(message));
            ++attempted;
        }
        if (m_loop.stopping()) {
            return attempted;
        }
    }
}

void OutboxDispatcher::deliver(OutboxMessage message) {
    TransportResult result{DeliveryOutcome::permanent_failure, {}};
    auto rendered = m_renderer.render(message);
    if (!rendered) {
        result.error = "cannot render: " + core::describe(rendered.error());
    } else {
        result = m_transport.send(*rendered);
    }
    const OutboxMessage after = m_policy.after_attempt(message, result.outcome, result.error, m_clock.now());
    if (auto stored = m_outbox.record_attempt(after); !stored) {
        // The lease runs out and the message is tried again: a duplicate mail is better than a lost one.
        m_log->error(json_line({{"event", "outbox_record_failed"},
                                {"id", message.id.value()},
                                {"error", core::describe(stored.error())}}));
        return;
    }
    m_log->info(json_line({{"event", "mail_attempt"},
                           {"id", message.id.value()},
                           {"template", message.request.template_name},
                           {"status", outbox_status_name(after.status)},
                           {"attempts", after.attempts},
                           {"error", after.last_error}}));
}

}  // namespace guichet::notify
