#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::web {

// Returns the value of the cookie with this name in a Cookie request header ("a=1; lang=en"), unquoted, or
// std::nullopt. Malformed pairs are skipped rather than failing the whole header, as browsers do.
[[nodiscard]] std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name);

enum class SameSite { lax, strict };
enum class CookieTransport { any, https_only };
enum class CookieScript { readable, http_only };

struct CookieOptions {
    long max_age_seconds = -1;  // negative: a session cookie
    SameSite same_site = SameSite::lax;
    CookieTransport transport = CookieTransport::any;
    CookieScript script = CookieScript::http_only;
};

// Builds a Set-Cookie value with Path=/. The name and value must already be cookie-safe tokens.
[[nodiscard]] std::string make_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace guichet::web
