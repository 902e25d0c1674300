#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guichet::web {

// Returns the value of the cookie with this name in a Cookie request header ("a=1; lang=en"), unquoted, or
// std::nullopt. Malformed pairs are skipped rather than failing the whole header, as browsers do.
[[nodiscard]] std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name);

// The cookies of one request, parsed once from its Cookie header: every part of the pipeline that needs one (session,
// language, CSRF, flash) looks it up here. Same rules as find_cookie; when a name repeats, the first one counts.
class CookieJar {
  public:
    CookieJar() = default;
    [[nodiscard]] static CookieJar parse(std::string_view cookie_header);

    // Returns the value of the named cookie, or std::nullopt.
    [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const;
    [[nodiscard]] std::size_t size() const { return m_cookies.size(); }

  private:
    std::vector<std::pair<std::string, std::string>> m_cookies;
};

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
