#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <memory>

#include "core/clock.h"
#include "core/periodic_thread.h"
#include "notify/outbox_repository.h"
#include "notify/rendered_mail.h"

namespace guichet::notify {

// The background sender: claims due outbox messages, renders them, hands them to the transport, and records each
// outcome with the retry policy. Several processes may run one each against the same database (claims are leased).
class OutboxDispatcher {
  public:
    OutboxDispatcher(OutboxRepository& outbox, MailRenderer& renderer, MailTransport& transport,
                     const core::Clock& clock, RetryPolicy policy, std::shared_ptr<spdlog::logger> log);
    ~OutboxDispatcher();
    OutboxDispatcher(const OutboxDispatcher&) = delete;
    OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

    // Starts the background thread, which looks for due messages every `interval` and whenever wake() is called.
    void start(std::chrono::milliseconds interval);

    // Stops the thread after the message in hand, if any. Messages left pending stay in the outbox for next time.
    void stop();

    // Asks the thread to look now (after a mail was enqueued), instead of at the next interval.
    void wake();

    // Processes every message due now, in the calling thread; returns how many were attempted.
    std::size_t run_once();

    static constexpr std::chrono::seconds kLease{300};
    static constexpr std::size_t kBatch = 20;

  private:
    void deliver(OutboxMessage message);

    OutboxRepository& m_outbox;
    MailRenderer& m_renderer;
    MailTransport& m_transport;
    const core::Clock& m_clock;
    RetryPolicy m_policy;
    std::shared_ptr<spdlog::logger> m_log;

    core::PeriodicThread m_loop;  // last: stopped first, while the members it uses still live
};

}  // namespace guichet::notify
