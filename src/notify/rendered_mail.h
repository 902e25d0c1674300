#pragma once

#include <string>

#include "core/result.h"
#include "notify/outbox_message.h"

namespace guichet::notify {

// A mail ready to leave: addresses, subject and both bodies, in UTF-8.
struct RenderedMail {
    std::string from;      // the portal's own address: "Guichet <no-reply@portail.example>"
    std::string reply_to;  // the commune's service address, when it has one
    std::string to;
    std::string subject;
    std::string text;
    std::string html;
};

// Turns an outbox message into a mail (templates, catalogue, commune settings). Implemented in web/.
class MailRenderer {
  public:
    virtual ~MailRenderer() = default;
    [[nodiscard]] virtual core::Result<RenderedMail> render(const OutboxMessage& message) = 0;
};

// The result of handing a mail to the transport.
struct TransportResult {
    DeliveryOutcome outcome;
    std::string error;  // empty when delivered
};

// Delivers mails. SmtpTransport in production; tests may use their own.
class MailTransport {
  public:
    virtual ~MailTransport() = default;
    [[nodiscard]] virtual TransportResult send(const RenderedMail& mail) = 0;
};

}  // namespace guichet::notify
