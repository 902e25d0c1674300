#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace guichet::identity {

// Passwords too common to protect anything, shipped with the project (assets/passwords/). Entries are compared
// lowercased.
class CommonPasswords {
  public:
    CommonPasswords() = default;

    // Adds every line of a list: one password per line; empty lines and lines starting with "# " are skipped.
    void add_list(std::string_view text);

    [[nodiscard]] bool contains(std::string_view password) const;
    [[nodiscard]] std::size_t size() const { return m_entries.size(); }

  private:
    std::unordered_set<std::string> m_entries;
};

// The rules a new password must meet (OWASP ASVS 4.0, V2.1): at least 12 characters, counted as Unicode code points;
// up to kMaxBytes accepted (well over 128 characters); any character, no composition rule; not in the list of common
// passwords; not the username or the email address itself.
class PasswordPolicy {
  public:
    static constexpr std::size_t kMinCharacters = 12;
    static constexpr std::size_t kMaxBytes = 1024;

    explicit PasswordPolicy(const CommonPasswords& common) : m_common(common) {}

    // Returns the catalogue key of the first rule broken, or std::nullopt when the password is acceptable.
    [[nodiscard]] std::optional<std::string> check(std::string_view password, std::string_view username,
                                                   std::string_view email) const;

  private:
    const CommonPasswords& m_common;
};

}  // namespace guichet::identity
