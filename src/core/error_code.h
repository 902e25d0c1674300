#pragma once

#include <optional>
#include <string_view>

namespace guichet::core {

// The kinds of failure that every Guichet operation may report. The set is deliberately small: the web layer maps
// each code to one HTTP status, and JSON clients switch on the stable names below, so adding a code is an API change.
enum class ErrorCode {
    invalid_input,    // The caller sent something malformed or out of range; retrying the same input fails again.
    not_found,        // The thing asked for does not exist (or is hidden from this caller).
    conflict,         // The request clashes with the current state, e.g. a duplicate or a stale edit.
    unauthenticated,  // Nobody is signed in, or the session is no longer valid.
    forbidden,        // The signed-in person may not do this.
    too_large,        // The payload or the requested quantity exceeds a limit.
    unavailable,      // A dependency (database, time zone data, ...) cannot answer right now; retrying may work.
    throttled,        // Too many of these lately from this address or for this account; retrying later works.
    internal,         // A bug or an impossible state; the message is for the logs, not for the person.
};

// Returns the stable snake_case name of `code` ("invalid_input", "not_found", ...), exactly as spelled in the
// enumerator. These strings appear in JSON APIs and logs, so they never change once published. The returned view
// points to static storage and stays valid for the whole program.
[[nodiscard]] std::string_view error_code_name(ErrorCode code) noexcept;

// Returns the code whose stable name is exactly `name` (case-sensitive), or std::nullopt when no code has that name.
// It is the inverse of error_code_name, for clients and tests that read the names back.
[[nodiscard]] std::optional<ErrorCode> error_code_from_name(std::string_view name) noexcept;

}  // namespace guichet::core
