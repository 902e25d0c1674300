#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guichet::web {

// Decodes %XX escapes (and, when plus_is_space, '+' as a space, as in form bodies). Returns std::nullopt for a
// malformed escape or a decoded NUL byte, which no legitimate path or form field contains.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Splits an application/x-www-form-urlencoded string ("a=1&b=deux") into decoded pairs, in order.
// Returns std::nullopt if any part is malformed.
[[nodiscard]] std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

// Percent-encodes everything but unreserved characters (RFC 3986) and '/', for a path carried in a query value.
[[nodiscard]] std::string url_encode(std::string_view text);

// Reads a database id from a path segment: 1 to 18 decimal digits, nothing else. Returns std::nullopt otherwise,
// so that a forged id never reaches a query as anything but a number.
[[nodiscard]] std::optional<long long> parse_id(std::string_view text);

// Returns the value of the first pair with this key, if any.
[[nodiscard]] std::optional<std::string> query_value(std::string_view query, std::string_view key);

}  // namespace guichet::web
