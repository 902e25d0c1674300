#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "identity/account.h"
#include "web/request/language.h"
#include "web/view/i18n.h"

namespace guichet::web {

// "Marie DUPONT": first name, then the surname in capitals, as the town's records print people.
[[nodiscard]] std::string person_name(const std::string& first_name, const std::string& last_name);

// "Madame DUPONT" (civility in the language, surname in capitals), or "Paul MARTIN" without a civility.
[[nodiscard]] std::string display_name(const std::string& civility, const std::string& first_name,
                                       const std::string& last_name, Language language, const Catalogue& catalogue);

// The lines of a postal address: street, complement when there is one, postal code and town.
[[nodiscard]] std::vector<std::string> address_lines(const identity::PostalAddress& address);

}  // namespace guichet::web
