// The JSON API (/<commune>/api/v1/): the same session as the pages; state changes carry the CSRF token in the
// X-CSRF-Token header.
#include "web/identity/identity_api.h"

#include <nlohmann/json.hpp>

#include "web/view/form_view.h"

namespace guichet::web {
namespace {

std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json contact_json(const identity::ContactDetails& contact) {
    nlohmann::json json = contact_values(contact);
    json["civility"] = identity::civility_name(contact.civility);
    return json;
}

}  // namespace

void IdentityApi::add_routes(Installation& site) {
    site.routes.add(answering_json(commune_route(Method::get, "/{commune}/api/v1/moi", "api.me", Policy::signed_in(),
                                                 [this](RequestContext& c) { return api_me(c); })));
    site.routes.add(answering_json(commune_route(Method::post, "/{commune}/api/v1/moi/coordonnees", "api.contact",
                                                 Policy::signed_in(),
                                                 [this](RequestContext& c) { return api_update_contact(c); })));
}

Response IdentityApi::api_me(RequestContext& context) {
    const identity::Account& account = context.signed_in->account;
    return Response::json(200, dump({{"username", account.username},
                                     {"email", account.email},
                                     {"role", identity::role_name(account.role)},
                                     {"contact", contact_json(account.contact)},
                                     {"csrf_token", context.csrf_token}}));
}

Response IdentityApi::api_update_contact(RequestContext& context) {
    const auto body = nlohmann::json::parse(context.request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return Pages::json_error(400, "invalid_input", m_catalogue.text(context.language, "err_json_object"));
    }
    for (const char* name : {"civility", "last_name", "first_name", "address_line", "address_complement", "postal_code",
                             "city", "mobile_phone", "landline_phone"}) {
        const auto it = body.find(name);
        if (it != body.end() && !it->is_string()) {
            return Response::json(400, dump({{"error",
                                              {{"code", "invalid_input"},
                                               {"field", name},
                                               {"message", m_catalogue.text(context.language, "err_json_strings")}}}}));
        }
    }
    identity::ContactDetails contact;
    contact.civility =
        identity::civility_from_name(body.value("civility", "")).value_or(identity::Civility::unspecified);
    contact.last_name = body.value("last_name", "");
    contact.first_name = body.value("first_name", "");
    contact.address = {body.value("address_line", ""), body.value("address_complement", ""),
                       body.value("postal_code", ""), body.value("city", "")};
    contact.mobile_phone = body.value("mobile_phone", "");
    contact.landline_phone = body.value("landline_phone", "");
    auto errors = m_identity.profile.update_contact(context.signed_in->account, contact, context.origin());
    if (!errors) {
        return storage_failure(context, errors.error());
    }
    if (!errors->empty()) {
        nlohmann::json fields_json = nlohmann::json::array();
        for (const auto& error : *errors) {
            fields_json.push_back({{"field", error.field},
                                   {"code", error.message_key},
                                   {"message", m_catalogue.text(context.language, error.message_key)}});
        }
        return Response::json(422, dump({{"error", {{"code", "invalid_input"}, {"fields", fields_json}}}}));
    }
    return Response::json(200, dump({{"contact", contact_json(identity::trimmed(contact))}}));
}

}  // namespace guichet::web
