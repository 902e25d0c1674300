#pragma once

#include <optional>
#include <string_view>

namespace guichet::web {

// The languages of the interface. French is the reference and the default.
enum class Language { fr, en };

[[nodiscard]] std::string_view language_code(Language language);
// Returns the language for "fr"/"en" (case-insensitive, region ignored: "en-GB"), or std::nullopt.
[[nodiscard]] std::optional<Language> language_from_code(std::string_view code);

}  // namespace guichet::web
