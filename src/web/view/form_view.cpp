#include "web/view/form_view.h"

namespace guichet::web {

nlohmann::json form_view(const std::string& action, nlohmann::json values, const identity::FieldErrors& errors,
                         Language language, const Catalogue& catalogue, const std::string& id_prefix) {
    nlohmann::json form = {{"action", action}, {"values", std::move(values)}, {"errors", nlohmann::json::object()}};
    nlohmann::json summary = nlohmann::json::array();
    for (const auto& error : errors) {
        const std::string message = catalogue.text(language, error.message_key);
        if (!form["errors"].contains(error.field)) {
            form["errors"][error.field] = message;
        }
        nlohmann::json item = {{"field_id", id_prefix + error.field}, {"message", message}};
        // The field's label makes a generic message ("Ce champ est obligatoire.") say which field it is about.
        const std::string label_key = "field_" + error.field;
        if (const std::string label = catalogue.text(language, label_key); label != label_key) {
            item["label"] = label;
        }
        summary.push_back(std::move(item));
    }
    if (!summary.empty()) {
        form["error_summary"] = std::move(summary);
    }
    return form;
}

nlohmann::json civility_options(identity::Civility selected, Language language, const Catalogue& catalogue) {
    // The template adds the empty "— Choisir —" option itself.
    nlohmann::json options = nlohmann::json::array();
    for (auto civility : {identity::Civility::madame, identity::Civility::monsieur}) {
        const std::string name(identity::civility_name(civility));
        options.push_back({{"value", name},
                           {"label", catalogue.text(language, "civility_" + name)},
                           {"selected", selected == civility}});
    }
    return options;
}

identity::ContactDetails contact_from_form(const Form& form) {
    identity::ContactDetails contact;
    contact.civility = identity::civility_from_name(form.get("civility")).value_or(identity::Civility::unspecified);
    contact.last_name = form.get("last_name");
    contact.first_name = form.get("first_name");
    contact.address.line = form.get("address_line");
    contact.address.complement = form.get("address_complement");
    contact.address.postal_code = form.get("postal_code");
    contact.address.city = form.get("city");
    contact.mobile_phone = form.get("mobile_phone");
    contact.landline_phone = form.get("landline_phone");
    return identity::trimmed(contact);
}

nlohmann::json contact_values(const identity::ContactDetails& contact) {
    return {{"last_name", contact.last_name},
            {"first_name", contact.first_name},
            {"address_line", contact.address.line},
            {"address_complement", contact.address.complement},
            {"postal_code", contact.address.postal_code},
            {"city", contact.address.city},
            {"mobile_phone", contact.mobile_phone},
            {"landline_phone", contact.landline_phone}};
}

}  // namespace guichet::web
