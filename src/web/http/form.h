#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guichet::web {

// The fields of an application/x-www-form-urlencoded body, decoded, in order.
class Form {
  public:
    Form() = default;

    // Parses a body. Returns std::nullopt when it is not well-formed (bad escape, NUL byte) or has more than
    // kMaxFields fields.
    [[nodiscard]] static std::optional<Form> parse(std::string_view body);

    // Builds a form from decoded pairs (the plain fields of a multipart body).
    [[nodiscard]] static Form from_pairs(std::vector<std::pair<std::string, std::string>> pairs);

    // Returns the first value of a field, or "" when absent.
    [[nodiscard]] std::string get(std::string_view name) const;
    [[nodiscard]] bool has(std::string_view name) const;
    // Returns every value of a field, in order (the ticked boxes of a list of checkboxes sharing one name).
    [[nodiscard]] std::vector<std::string> get_all(std::string_view name) const;

    static constexpr std::size_t kMaxFields = 200;

  private:
    std::vector<std::pair<std::string, std::string>> m_fields;
};

}  // namespace guichet::web
