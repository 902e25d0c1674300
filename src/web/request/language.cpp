#include "web/request/language.h"

#include "web/http/http.h"

namespace guichet::web {

std::string_view language_code(Language language) {
    return language == Language::fr ? "fr" : "en";
}

std::optional<Language> language_from_code(std::string_view code) {
    const std::string_view primary = code.substr(0, code.find_first_of("-_"));
    if (iequals(primary, "fr"))
        return Language::fr;
    if (iequals(primary, "en"))
        return Language::en;
    return std::nullopt;
}

}  // namespace guichet::web
