#include "web/view/people.h"

#include "core/text.h"

namespace guichet::web {

std::string person_name(const std::string& first_name, const std::string& last_name) {
    return first_name + " " + core::uppercase_fr(last_name);
}

std::string display_name(const std::string& civility, const std::string& first_name, const std::string& last_name,
                         Language language, const Catalogue& catalogue) {
    const std::string surname = core::uppercase_fr(last_name);
    if (civility == "madame" || civility == "monsieur") {
        return catalogue.text(language, "civility_" + civility) + " " + surname;
    }
    return first_name.empty() ? surname : first_name + " " + surname;
}

std::vector<std::string> address_lines(const identity::PostalAddress& address) {
    std::vector<std::string> lines = {address.line};
    if (!address.complement.empty())
        lines.push_back(address.complement);
    lines.push_back(address.postal_code + " " + address.city);
    return lines;
}

}  // namespace guichet::web
