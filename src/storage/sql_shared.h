#pragma once

#include <soci/soci.h>

#include <string_view>

#include "core/instant.h"
#include "identity/login_throttle.h"
#include "notify/mail_request.h"

namespace guichet::storage {

// What happens to a mail when it is enqueued: delivered by the background sender, or held for administrators to
// read in the back office when no mail server is configured.
enum class MailDelivery { deliver, hold };

// Statements several stores run inside their own transactions.

// Writes a mail to the outbox, pending or held.
void insert_outbox_message(soci::session& session, core::Instant now, MailDelivery delivery,
                           const notify::MailRequest& mail);

// Reads a throttling key (a missing key is a fresh state) and writes one.
[[nodiscard]] identity::ThrottleState read_throttle(soci::session& session, std::string_view key);
void write_throttle(soci::session& session, std::string_view key, const identity::ThrottleState& state);

}  // namespace guichet::storage
