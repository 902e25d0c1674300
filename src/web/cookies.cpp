#include "web/cookies.h"

namespace guichet::web {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        const std::string_view pair = trim(header.substr(0, semicolon));
        header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) {
            continue;
        }
        std::string_view value = trim(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        return std::string(value);
    }
    return std::nullopt;
}

std::string make_set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
    std::string cookie;
    cookie.append(name).append("=").append(value).append("; Path=/");
    if (options.max_age_seconds >= 0) {
        cookie.append("; Max-Age=").append(std::to_string(options.max_age_seconds));
    }
    cookie.append(options.same_site == SameSite::strict ? "; SameSite=Strict" : "; SameSite=Lax");
    if (options.transport == CookieTransport::https_only) {
        cookie.append("; Secure");
    }
    if (options.script == CookieScript::http_only) {
        cookie.append("; HttpOnly");
    }
    return cookie;
}

}  // namespace guichet::web
