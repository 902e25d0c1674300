#pragma once

#include <chrono>
#include <string>

#include "notify/rendered_mail.h"

namespace guichet::notify {

enum class SmtpTls { none, opportunistic, required };

struct SmtpSettings {
    std::string url;  // "smtp://mail.example:587" or "smtps://mail.example:465"
    std::string username;
    std::string password;
    SmtpTls tls = SmtpTls::opportunistic;  // STARTTLS when offered, or always
    std::chrono::seconds timeout{30};
};

// Sends mails over SMTP with libcurl: a multipart/alternative message (plain text and HTML, UTF-8,
// quoted-printable), From the portal's address and Reply-To the commune's service, never "from" a family's address
// (Yahoo and others publish DMARC p=reject: mail claiming to come from them but sent by another server is refused).
// A 5xx answer is a permanent failure; anything else that fails (connection, timeout, 4xx) is temporary.
class SmtpTransport final : public MailTransport {
  public:
    explicit SmtpTransport(SmtpSettings settings);

    [[nodiscard]] TransportResult send(const RenderedMail& mail) override;

  private:
    SmtpSettings m_settings;
};

// Returns the bare address of a mailbox ("Guichet <no-reply@x.fr>" → "no-reply@x.fr").
[[nodiscard]] std::string bare_address(const std::string& mailbox);

// Encodes a header value as RFC 2047 encoded words when it is not plain ASCII; removes CR and LF in any case, so a
// value can never start a new header.
[[nodiscard]] std::string encode_header_value(const std::string& value);

}  // namespace guichet::notify
