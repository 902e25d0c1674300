#pragma once

#include <string>

#include "core/error_code.h"

namespace guichet::core {

// An expected failure, carried as a value inside Result<T> rather than thrown. The message is written in French for
// the person using the portal (unless the code is `internal`, where it is meant for the logs).
struct Error {
    // What kind of failure this is; decides the HTTP status and the JSON "code" field.
    ErrorCode code = ErrorCode::internal;
    // A human-readable explanation. Never contains secrets, because it may be shown to the person.
    std::string message;
    // The name of the form field at fault, so that the page can show the message next to it. Empty when the failure
    // does not concern a single field.
    std::string field;

    friend bool operator==(const Error&, const Error&) = default;
};

// Builds an Error from its three parts. `field` stays empty unless a form field is concerned. Exists so that call
// sites read as one expression and never leave a member uninitialised.
[[nodiscard]] Error make_error(ErrorCode code, std::string message, std::string field = {});

}  // namespace guichet::core
