#pragma once

#include <map>
#include <string>

#include "core/ids.h"

namespace guichet::notify {

// A mail some part of the portal wants sent: which template, to whom, in which language, with which values. It is
// written to the outbox in the same transaction as the change that caused it, and rendered only when delivered (or
// shown to an agent), from templates/mail/<template_name>.{text,html}.mustache.
struct MailRequest {
    core::CommuneId commune{0};
    std::string to;
    std::string template_name;  // "confirm_email", "password_reset", …
    std::string language;       // "fr" or "en"
    std::map<std::string, std::string> variables;
};

}  // namespace guichet::notify
