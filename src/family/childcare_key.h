#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::family {

// The clé enfance: 12 symbols from an alphabet without look-alikes (no 0/O, no 1/I), 5 bits each: 60 bits of
// randomness, printed in three groups ("K7QM-3XH9-P2TD") so that it can be read out over the phone.
inline constexpr std::string_view kKeyAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t kKeyLength = 12;

// Returns a new key in canonical form (12 symbols, no separators), from the operating system's generator.
[[nodiscard]] std::string generate_childcare_key();

// "K7QM3XH9P2TD" → "K7QM-3XH9-P2TD".
[[nodiscard]] std::string format_childcare_key(std::string_view canonical);

// Reads a key as a person types it: any case, spaces and dashes ignored, and the look-alikes that can only be
// mistakes (O for 0 and I or L for 1 do not exist in keys) refused. Returns the canonical form or std::nullopt.
[[nodiscard]] std::optional<std::string> parse_childcare_key(std::string_view typed);

// Returns the keyed BLAKE2b digest of a canonical key under the server's secret: keys are stored only this way, and
// 60 bits cannot be searched offline without the secret.
[[nodiscard]] std::string childcare_key_digest(std::string_view canonical, std::string_view server_key);

}  // namespace guichet::family
