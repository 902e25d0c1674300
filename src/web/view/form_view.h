#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "identity/account.h"
#include "identity/account_input.h"
#include "web/http/form.h"
#include "web/view/i18n.h"

namespace guichet::web {

// Builds the `form` object the templates read: action, values to refill, errors by field (in the visitor's
// language) and the error summary that links to each field ("#champ-email").
[[nodiscard]] nlohmann::json form_view(const std::string& action, nlohmann::json values,
                                       const identity::FieldErrors& errors, Language language,
                                       const Catalogue& catalogue, const std::string& id_prefix = "champ-");

// The options of the civility select, with the chosen one marked.
[[nodiscard]] nlohmann::json civility_options(identity::Civility selected, Language language,
                                              const Catalogue& catalogue);

// Reads the contact block fields of a form (civility, names, address, phones).
[[nodiscard]] identity::ContactDetails contact_from_form(const Form& form);

// The contact block as form values.
[[nodiscard]] nlohmann::json contact_values(const identity::ContactDetails& contact);

}  // namespace guichet::web
