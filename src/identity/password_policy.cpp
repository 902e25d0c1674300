#include "identity/password_policy.h"

#include "core/text.h"

namespace guichet::identity {

void CommonPasswords::add_list(std::string_view text) {
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.rfind("# ", 0) == 0) {
            continue;
        }
        m_entries.insert(core::ascii_lowercase(line));
    }
}

bool CommonPasswords::contains(std::string_view password) const {
    return m_entries.count(core::ascii_lowercase(password)) != 0;
}

std::optional<std::string> PasswordPolicy::check(std::string_view password, std::string_view username,
                                                 std::string_view email) const {
    if (password.empty()) {
        return "err_required";
    }
    if (password.size() > kMaxBytes) {
        return "err_password_too_long";
    }
    if (core::count_code_points(password) < kMinCharacters) {
        return "err_password_too_short";
    }
    if (m_common.contains(password)) {
        return "err_password_common";
    }
    const std::string lowered = core::ascii_lowercase(password);
    if ((!username.empty() && lowered == core::ascii_lowercase(username)) ||
        (!email.empty() && lowered == core::ascii_lowercase(email))) {
        return "err_password_like_identity";
    }
    return std::nullopt;
}

}  // namespace guichet::identity
