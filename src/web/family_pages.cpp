// A parent's family: the clé enfance, "Ma famille", a child's profile, contacts and authorised persons.
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/time_zone.h"
#include "web/application.h"
#include "web/form_view.h"
#include "web/url.h"

namespace guichet::web {
namespace {

constexpr RouteOptions kParent{Access::parent, Execution::network_thread};

std::vector<std::string> address_lines(const identity::PostalAddress& address) {
    std::vector<std::string> lines = {address.line};
    if (!address.complement.empty())
        lines.push_back(address.complement);
    lines.push_back(address.postal_code + " " + address.city);
    return lines;
}

}  // namespace

core::CivilDate Application::today(const RequestContext& context) const {
    const auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    const auto paris = core::TimeZone::locate("Europe/Paris");
    return (zone ? *zone : *paris).today(m_dependencies.clock.now());
}

void Application::add_family_routes() {
    m_router.add(
        Method::post, "/{commune}/cle-enfance", "commune.family.link",
        [this](RequestContext& c) { return link_childcare_key(c); }, kParent);
    m_router.add(
        Method::get, "/{commune}/ma-famille", "commune.family",
        [this](RequestContext& c) { return family_page(c, nlohmann::json::object(), 200); }, kParent);
    m_router.add(
        Method::get, "/{commune}/ma-famille/enfants/{child}", "commune.family.child",
        [this](RequestContext& c) { return child_page(c); }, kParent);
    m_router.add(
        Method::post, "/{commune}/ma-famille/{household}/personnes-autorisees", "commune.family.authorised",
        [this](RequestContext& c) { return family_add_authorised(c); }, kParent);
    m_router.add(
        Method::post, "/{commune}/ma-famille/{household}/personnes-autorisees/{person}/retirer",
        "commune.family.authorised.remove", [this](RequestContext& c) { return family_remove_authorised(c); }, kParent);
    m_router.add(
        Method::post, "/{commune}/ma-famille/{household}/coordonnees", "commune.family.contact",
        [this](RequestContext& c) { return family_contact(c); }, kParent);
}

// The "MA FAMILLE" block of the home page, or nothing when the account is not linked yet.
nlohmann::json Application::family_summary(RequestContext& context) {
    auto households = m_dependencies.family.households_of(context.commune_id(), context.signed_in->account.id);
    if (!households || households->empty()) {
        return nullptr;
    }
    nlohmann::json co = nlohmann::json::array();
    nlohmann::json members = nlohmann::json::array();
    for (const auto& record : *households) {
        for (const auto& person : record.representatives) {
            if (person.account != context.signed_in->account.id)
                co.push_back({{"first_name", person.first_name}});
        }
        for (const auto& child : record.children) {
            members.push_back({{"first_name", child.first_name},
                               {"href", context.home() + "ma-famille/enfants/" + std::to_string(child.id.value())}});
        }
    }
    return {{"co_representatives", co}, {"members", members}, {"url", context.home() + "ma-famille"}};
}

Response Application::link_childcare_key(RequestContext& context) {
    const std::string typed = context.form.get("childcare_key");
    auto outcome = m_dependencies.family.link_account(context.commune_id(), context.signed_in->account.id, typed,
                                                      context.request.remote_address);
    if (!outcome) {
        return storage_failure(context, outcome.error());
    }
    if (*outcome == family::LinkOutcome::linked) {
        return redirect_with_flash(context, context.home() + "mon-espace", "msg_family_linked");
    }
    const char* key = *outcome == family::LinkOutcome::used_key         ? "err_childcare_key_used"
                      : *outcome == family::LinkOutcome::throttled      ? "err_childcare_key_throttled"
                      : *outcome == family::LinkOutcome::same_household ? "err_childcare_key_same_household"
                                                                        : "err_childcare_key_unknown";
    context.flash_key.clear();
    nlohmann::json data = {{"link_error", m_catalogue.text(context.language, key)},
                           {"link_form", form_view(context.home() + "cle-enfance", {{"childcare_key", typed}},
                                                   {{"childcare_key", key}}, context.language, m_catalogue)}};
    return page(*outcome == family::LinkOutcome::throttled ? 429 : 422, context, "home", "home_title", std::move(data));
}

Response Application::family_page(RequestContext& context, nlohmann::json forms, int status) {
    auto households = m_dependencies.family.households_of(context.commune_id(), context.signed_in->account.id);
    if (!households) {
        return storage_failure(context, households.error());
    }
    if (households->empty()) {
        return Response::redirect(303, context.home() + "mon-espace");
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& record : *households) {
        const std::string base = context.home() + "ma-famille/" + std::to_string(record.household.id.value()) + "/";
        nlohmann::json representatives = nlohmann::json::array();
        const family::Representative* me = nullptr;
        for (const auto& person : record.representatives) {
            const bool is_me = person.account == context.signed_in->account.id;
            if (is_me)
                me = &person;
            nlohmann::json row = {
                {"name", person_name(person.first_name, person.last_name)},
                {"relationship_label",
                 m_catalogue.text(context.language,
                                  "relationship_" + std::string(family::relationship_name(person.relationship)))},
                {"is_me", is_me}};
            if (!person.email.empty())
                row["email"] = person.email;
            if (!person.mobile_phone.empty())
                row["mobile_phone"] = person.mobile_phone;
            if (!person.landline_phone.empty())
                row["landline_phone"] = person.landline_phone;
            representatives.push_back(std::move(row));
        }
        nlohmann::json children = nlohmann::json::array();
        for (const auto& child : record.children) {
            nlohmann::json row = {
                {"name", person_name(child.first_name, child.last_name)},
                {"href", context.home() + "ma-famille/enfants/" + std::to_string(child.id.value())},
                {"birth_date", child.birth_date.format_fr()},
                {"class_label",
                 m_catalogue.text(context.language, "class_" + std::string(family::class_name(child.class_level)))}};
            if (!child.school.empty())
                row["school"] = child.school;
            children.push_back(std::move(row));
        }
        nlohmann::json authorised = nlohmann::json::array();
        for (const auto& person : record.authorised) {
            nlohmann::json row = {
                {"name", person_name(person.first_name, person.last_name)},
                {"phone", person.phone},
                {"remove_action", base + "personnes-autorisees/" + std::to_string(person.id.value()) + "/retirer"}};
            if (!person.relationship.empty())
                row["relationship"] = person.relationship;
            authorised.push_back(std::move(row));
        }
        const std::string key = std::to_string(record.household.id.value());
        nlohmann::json authorised_form =
            forms.contains("authorised_" + key)
                ? forms["authorised_" + key]
                : form_view(base + "personnes-autorisees", nlohmann::json::object(), {}, context.language, m_catalogue,
                            "champ-authorised-" + key + "-");
        authorised_form["id"] = key;
        nlohmann::json contact_form = forms.contains("contact_" + key)
                                          ? forms["contact_" + key]
                                          : form_view(base + "coordonnees",
                                                      me ? nlohmann::json{{"email", me->email},
                                                                          {"mobile_phone", me->mobile_phone},
                                                                          {"landline_phone", me->landline_phone}}
                                                         : nlohmann::json::object(),
                                                      {}, context.language, m_catalogue, "champ-contact-" + key + "-");
        contact_form["id"] = key;
        list.push_back({{"reference", record.household.reference},
                        {"address_lines", address_lines(record.household.address)},
                        {"representatives", representatives},
                        {"children", children},
                        {"authorised", authorised},
                        {"authorised_form", authorised_form},
                        {"contact_form", contact_form}});
    }
    return page(status, context, "family", "family_title", {{"households", list}});
}

Response Application::child_page(RequestContext& context) {
    const auto id = parse_id(context.params.get("child"));
    if (!id) {
        return error_page(404, context);
    }
    auto profile =
        m_dependencies.family.child_of(context.commune_id(), context.signed_in->account.id, core::ChildId{*id});
    if (!profile) {
        return storage_failure(context, profile.error());
    }
    if (!*profile) {
        return error_page(404, context);
    }
    const family::Child& child = (*profile)->child;
    nlohmann::json authorised = nlohmann::json::array();
    for (const auto& person : (*profile)->authorised) {
        nlohmann::json row = {{"name", person_name(person.first_name, person.last_name)}, {"phone", person.phone}};
        if (!person.relationship.empty())
            row["relationship"] = person.relationship;
        authorised.push_back(std::move(row));
    }
    nlohmann::json view = {
        {"name", person_name(child.first_name, child.last_name)},
        {"birth_date", child.birth_date.format_fr()},
        {"sex_label", m_catalogue.text(context.language, "sex_" + std::string(family::sex_name(child.sex)))},
        {"class_label",
         m_catalogue.text(context.language, "class_" + std::string(family::class_name(child.class_level)))},
        {"diet_label", m_catalogue.text(context.language, "diet_" + std::string(family::diet_name(child.diet)))},
        {"pai", child.pai}};
    if (!child.school.empty())
        view["school"] = child.school;
    return page(200, context, "child", "child_title",
                {{"child", view}, {"authorised", authorised}, {"back_url", context.home() + "ma-famille"}});
}

Response Application::family_add_authorised(RequestContext& context) {
    const auto household = parse_id(context.params.get("household"));
    if (!household)
        return error_page(404, context);
    const core::HouseholdId id{*household};
    const family::AuthorisedInput input{context.form.get("last_name"), context.form.get("first_name"),
                                        context.form.get("phone"), context.form.get("relationship")};
    family::FieldErrors errors;
    auto added = m_dependencies.family.add_authorised_as_parent(context.commune_id(), context.signed_in->account.id, id,
                                                                input, errors);
    if (!added) {
        return added.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                : storage_failure(context, added.error());
    }
    if (!errors.empty()) {
        const std::string base = context.home() + "ma-famille/" + std::to_string(*household) + "/";
        return family_page(context,
                           {{"authorised_" + std::to_string(*household),
                             form_view(base + "personnes-autorisees",
                                       {{"last_name", input.last_name},
                                        {"first_name", input.first_name},
                                        {"phone", input.phone},
                                        {"relationship", input.relationship}},
                                       errors, context.language, m_catalogue,
                                       "champ-authorised-" + std::to_string(*household) + "-")}},
                           422);
    }
    return redirect_with_flash(context, context.home() + "ma-famille", "msg_member_added");
}

Response Application::family_remove_authorised(RequestContext& context) {
    const auto household = parse_id(context.params.get("household"));
    const auto person = parse_id(context.params.get("person"));
    if (!household || !person)
        return error_page(404, context);
    auto removed = m_dependencies.family.remove_authorised_as_parent(
        context.commune_id(), context.signed_in->account.id, core::HouseholdId{*household},
        core::AuthorisedPersonId{*person});
    if (!removed) {
        return removed.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                  : storage_failure(context, removed.error());
    }
    return redirect_with_flash(context, context.home() + "ma-famille", "msg_member_removed");
}

Response Application::family_contact(RequestContext& context) {
    const auto household = parse_id(context.params.get("household"));
    if (!household)
        return error_page(404, context);
    const family::RepresentativeInput input{"",
                                            "",
                                            "",
                                            "",
                                            context.form.get("email"),
                                            context.form.get("mobile_phone"),
                                            context.form.get("landline_phone")};
    family::FieldErrors errors;
    auto saved = m_dependencies.family.update_own_contact(context.commune_id(), context.signed_in->account.id,
                                                          core::HouseholdId{*household}, input, errors);
    if (!saved) {
        return saved.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                : storage_failure(context, saved.error());
    }
    if (!errors.empty()) {
        const std::string base = context.home() + "ma-famille/" + std::to_string(*household) + "/";
        return family_page(
            context,
            {{"contact_" + std::to_string(*household),
              form_view(base + "coordonnees",
                        {{"email", input.email},
                         {"mobile_phone", input.mobile_phone},
                         {"landline_phone", input.landline_phone}},
                        errors, context.language, m_catalogue, "champ-contact-" + std::to_string(*household) + "-")}},
            422);
    }
    return redirect_with_flash(context, context.home() + "ma-famille", "msg_family_contact_saved");
}

}  // namespace guichet::web
