#pragma once

#include <soci/soci.h>

#include "core/clock.h"
#include "notify/outbox.h"

namespace guichet::storage {

// What happens to a mail when it is enqueued: delivered by the background sender, or held for administrators to
// read in the back office when no mail server is configured.
enum class MailDelivery { deliver, hold };

// notify::Outbox on one SQL transaction (both backends). Remembers whether it queued a mail, so that the unit of
// work can wake the sender once the transaction commits.
class SqlOutbox final : public notify::Outbox {
  public:
    SqlOutbox(soci::session& session, const core::Clock& clock, MailDelivery delivery)
        : m_session(session), m_clock(clock), m_delivery(delivery) {}

    core::Status enqueue(const notify::MailRequest& mail) override;
    core::Status drop_unsent_to(core::CommuneId commune, std::string_view address) override;

    [[nodiscard]] bool queued_mail() const { return m_queued_mail; }

  private:
    soci::session& m_session;
    const core::Clock& m_clock;
    MailDelivery m_delivery;
    bool m_queued_mail = false;
};

}  // namespace guichet::storage
