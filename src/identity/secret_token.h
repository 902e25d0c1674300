#pragma once

#include <string>
#include <string_view>

namespace guichet::identity {

// Returns a new unguessable token: 32 random bytes (256 bits) from the operating system's generator, in URL-safe
// base64 without padding (43 characters). Used for session ids and single-use links.
[[nodiscard]] std::string generate_secret_token();

// Returns the hex BLAKE2b-256 digest of a token. Only digests are stored: a copy of the database does not give
// anyone a working session or link.
[[nodiscard]] std::string token_digest(std::string_view token);

// Returns true when the text could be a token made by generate_secret_token (43 URL-safe base64 characters).
[[nodiscard]] bool looks_like_secret_token(std::string_view text);

}  // namespace guichet::identity
