#pragma once

#include <string_view>

#include "core/ids.h"
#include "core/result.h"
#include "notify/mail_request.h"

namespace guichet::notify {

// The outbox as a business step sees it: mails written in the step's own transaction, so that they leave (after the
// commit, through the background sender) exactly when the change that causes them is stored.
class Outbox {
  public:
    virtual ~Outbox() = default;

    // Queues a mail; it is sent after the transaction commits, or held for administrators when no mail server is
    // configured.
    [[nodiscard]] virtual core::Status enqueue(const MailRequest& mail) = 0;

    // Removes the mails not yet sent to an address (a closed account's), keeping the records of the sent ones.
    [[nodiscard]] virtual core::Status drop_unsent_to(core::CommuneId commune, std::string_view address) = 0;
};

}  // namespace guichet::notify
