#pragma once

#include <string>

#include "core/clock.h"
#include "identity/device_cookie.h"
#include "identity/password_hasher.h"
#include "identity/password_policy.h"
#include "identity/session.h"
#include "identity/transaction.h"

namespace guichet::identity {

// What sign-ups may cost third parties: each sends a mail to an address nobody has proved to own yet.
struct SignupLimits {
    // Sign-ups from one network address (a town hall's desk may help a few families in a row).
    ThrottleRule per_address = at_most(10, std::chrono::hours(1));
    // Mails to one address not yet proved (sign-up confirmation or "you already have an account", the new address
    // of an email change, a reset for an unconfirmed account), whatever the commune.
    ThrottleRule per_unverified_address = at_most(3, std::chrono::hours(24));
};

// What the identity services share: storage, time, hashing and the rules.
struct IdentityContext {
    UnitOfWork& work;
    const core::Clock& clock;
    const PasswordHasher& hasher;
    const PasswordPolicy& policy;
    const DeviceCookies& devices;
    SessionPolicy sessions;
    SignupLimits signups{};
};

// Where a request comes from, for the audit log and throttling.
struct RequestOrigin {
    std::string ip;
    std::string user_agent;
};

// What mails need to know about the request that causes them: the language of the person who will read the mail.
// Links in mails are built when the mail is rendered, from the portal's public address and the routes of the web
// layer, never by the domain.
struct MailContext {
    std::string language;  // "fr" or "en"
};

// Mails of one purpose sent to one account: 3 in a row, then spaced out, at most 10 an hour, so that nobody can use
// the "forgot password" or "resend" forms to flood a mailbox.
inline constexpr ThrottleRule kMailThrottle{3, std::chrono::seconds(60), std::chrono::minutes(30), 10};

}  // namespace guichet::identity
