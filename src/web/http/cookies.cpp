#include "web/http/cookies.h"

namespace guichet::web {
namespace {

// A Cookie header holding more than this many pairs is read up to here: no browser sends that many to one site.
constexpr std::size_t kMaxCookies = 64;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Calls visit(name, value) for each pair of a Cookie header that has an '=', in order, until it returns true.
template <class Visit>
void each_cookie(std::string_view header, Visit&& visit) {
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        const std::string_view pair = trim(header.substr(0, semicolon));
        header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        std::string_view value = trim(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        if (visit(trim(pair.substr(0, eq)), value)) {
            return;
        }
    }
}

}  // namespace

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
    std::optional<std::string> found;
    each_cookie(header, [&](std::string_view key, std::string_view value) {
        if (key != name) {
            return false;
        }
        found = std::string(value);
        return true;
    });
    return found;
}

CookieJar CookieJar::parse(std::string_view header) {
    CookieJar jar;
    each_cookie(header, [&jar](std::string_view key, std::string_view value) {
        if (!key.empty() && !jar.find(key)) {
            jar.m_cookies.emplace_back(key, value);
        }
        return jar.m_cookies.size() >= kMaxCookies;
    });
    return jar;
}

std::optional<std::string_view> CookieJar::find(std::string_view name) const {
    for (const auto& [key, value] : m_cookies) {
        if (key == name) {
            return std::string_view(value);
        }
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
