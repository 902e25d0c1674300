#pragma once

#include <string>

#include "family/family_input.h"
#include "web/http/form.h"

namespace guichet::web {

// A representative as the agents' forms send him: the fields named `prefix` + civility, last_name… ("rep2_" for the
// second person of the new-household form, nothing for the forms about one person).
[[nodiscard]] inline family::RepresentativeInput representative_from(const Form& form, const std::string& prefix = {}) {
    return {form.get(prefix + "civility"),      form.get(prefix + "last_name"), form.get(prefix + "first_name"),
            form.get(prefix + "relationship"),  form.get(prefix + "email"),     form.get(prefix + "mobile_phone"),
            form.get(prefix + "landline_phone")};
}

}  // namespace guichet::web
