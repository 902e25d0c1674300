// A parent's family: the clé enfance, "Ma famille", a child's profile, contacts and authorised persons, and the
// "MA FAMILLE" block of the parent's home page.
#include "web/family/family_pages.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "web/http/url.h"
#include "web/view/form_view.h"
#include "web/view/people.h"

namespace guichet::web {

void FamilyPages::add_routes(Installation& site) {
    const auto add = [&site](Method method, const char* path, const char* name, Policy policy, Handler handler) {
        site.routes.add(commune_route(method, path, name, std::move(policy), std::move(handler)));
    };
    add(Method::post, "/{commune}/cle-enfance", "family.link", Policy::parent(),
        [this](RequestContext& c) { return link_childcare_key(c); });
    add(Method::get, "/{commune}/ma-famille", "family.page", Policy::parent(),
        [this](RequestContext& c) { return family_page(c, nlohmann::json::object(), 200); });
    add(Method::get, "/{commune}/ma-famille/enfants/{child}", "family.child", Policy::parent(),
        [this](RequestContext& c) { return child_page(c); });
    add(Method::post, "/{commune}/ma-famille/{household}/personnes-autorisees", "family.authorised",
        Policy::parent_of("household"), [this](RequestContext& c) { return family_add_authorised(c); });
    add(Method::post, "/{commune}/ma-famille/{household}/personnes-autorisees/{person}/retirer",
        "family.authorised.remove", Policy::parent_of("household"),
        [this](RequestContext& c) { return family_remove_authorised(c); });
    add(Method::post, "/{commune}/ma-famille/{household}/coordonnees", "family.contact", Policy::parent_of("household"),
        [this](RequestContext& c) { return family_contact(c); });
    // The first gate of every route that names a household in its path; each use case checks again in the
    // transaction of its write.
    site.routes.add_owner_check("household", [this](const RequestContext& c, long long id) {
        return m_family.represents(c.commune_id(), c.signed_in->account.id, core::HouseholdId{id});
    });
    site.navigation.add(MenuEntry{20, "family.page", "nav_family", Audience::parent});
    site.navigation.add(DashboardPanel{50, "family", [this](RequestContext& c) { return dashboard_block(c, {}); }});
}

core::Result<DashboardBlock> FamilyPages::dashboard_block(RequestContext& context, const nlohmann::json& refused) {
    nlohmann::json data = nlohmann::json::object();
    std::vector<DashboardTile> tiles;
    if (refused.is_null() || refused.empty()) {
        GUICHET_TRY(households, m_family.households_of(context.commune_id(), context.signed_in->account.id));
        if (!households.empty()) {
            nlohmann::json co = nlohmann::json::array();
            nlohmann::json members = nlohmann::json::array();
            for (const auto& record : households) {
                for (const auto& person : record.representatives) {
                    if (person.account != context.signed_in->account.id)
                        co.push_back({{"first_name", person.first_name}});
                }
                for (const auto& child : record.children) {
                    members.push_back(
                        {{"first_name", child.first_name},
                         {"href", context.url("family.child", {{"child", std::to_string(child.id.value())}})}});
                }
            }
            data["family"] = {{"co_representatives", co}, {"members", members}, {"url", context.url("family.page")}};
            tiles.push_back({10, "family.page", "dashboard_family"});
        }
    }
    if (!data.contains("family")) {
        data["link_form"] =
            refused.is_null() || refused.empty()
                ? form_view(context.url("family.link"), nlohmann::json::object(), {}, context.language, m_catalogue)
                : refused["link_form"];
        if (!refused.is_null() && refused.contains("link_error")) {
            data["link_error"] = refused["link_error"];
        } else if (context.signed_in->account.pending_childcare_key == identity::kFailedChildcareKey) {
            // The key typed at sign-up was tried when the address was confirmed, and did not match.
            data["link_error"] = m_catalogue.text(context.language, "err_childcare_key_unknown");
        }
    }
    return DashboardBlock{m_kit.pages.fragment(context, "family/dashboard_block", std::move(data)), std::move(tiles)};
}

Response FamilyPages::link_childcare_key(RequestContext& context) {
    const std::string typed = context.form.get("childcare_key");
    auto outcome =
        m_family.link_account(context.commune_id(), context.signed_in->account.id, typed, context.origin().ip);
    if (!outcome) {
        return storage_failure(context, outcome.error());
    }
    if (*outcome == family::LinkOutcome::linked) {
        return redirect_with_flash(context, context.url("profile.home"), "msg_family_linked");
    }
    const char* key = *outcome == family::LinkOutcome::used_key         ? "err_childcare_key_used"
                      : *outcome == family::LinkOutcome::throttled      ? "err_childcare_key_throttled"
                      : *outcome == family::LinkOutcome::same_household ? "err_childcare_key_same_household"
                                                                        : "err_childcare_key_unknown";
    context.flash_key.clear();
    const nlohmann::json refused = {{"link_error", m_catalogue.text(context.language, key)},
                                    {"link_form", form_view(context.url("family.link"), {{"childcare_key", typed}},
                                                            {{"childcare_key", key}}, context.language, m_catalogue)}};
    auto block = dashboard_block(context, refused);
    if (!block) {
        return storage_failure(context, block.error());
    }
    const int status = *outcome == family::LinkOutcome::throttled ? 429 : 422;
    return m_kit.dashboard.render(context, status, nlohmann::json::object(), {{"family", std::move(*block)}});
}

Response FamilyPages::family_page(RequestContext& context, nlohmann::json forms, int status) {
    auto households = m_family.households_of(context.commune_id(), context.signed_in->account.id);
    if (!households) {
        return storage_failure(context, households.error());
    }
    if (households->empty()) {
        return Response::redirect(303, context.url("profile.home"));
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& record : *households) {
        const UrlParams household = {{"household", std::to_string(record.household.id.value())}};
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
                {"href", context.url("family.child", {{"child", std::to_string(child.id.value())}})},
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
                {"remove_action",
                 context.url("family.authorised.remove", {{"household", std::to_string(record.household.id.value())},
                                                          {"person", std::to_string(person.id.value())}})}};
            if (!person.relationship.empty())
                row["relationship"] = person.relationship;
            authorised.push_back(std::move(row));
        }
        const std::string key = std::to_string(record.household.id.value());
        nlohmann::json authorised_form =
            forms.contains("authorised_" + key)
                ? forms["authorised_" + key]
                : form_view(context.url("family.authorised", household), nlohmann::json::object(), {}, context.language,
                            m_catalogue, "champ-authorised-" + key + "-");
        authorised_form["id"] = key;
        nlohmann::json contact_form = forms.contains("contact_" + key)
                                          ? forms["contact_" + key]
                                          : form_view(context.url("family.contact", household),
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
    return page(status, context, "family/family", "family_title", {{"households", list}});
}

Response FamilyPages::child_page(RequestContext& context) {
    const auto id = parse_id(context.params.get("child"));
    if (!id) {
        return error_page(404, context);
    }
    auto profile = m_family.child_of(context.commune_id(), context.signed_in->account.id, core::ChildId{*id});
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
    // The sections other features add to the profile (the booking feature: his agenda and the way to book).
    nlohmann::json panels = nlohmann::json::array();
    for (const ChildPanel& panel : m_kit.navigation.child_panels()) {
        auto html = panel.provide(context, child.id);
        if (!html) {
            return storage_failure(context, html.error());
        }
        if (!html->empty()) {
            panels.push_back({{"html", std::move(*html)}});
        }
    }
    return page(200, context, "family/child", "child_title",
                {{"child", view},
                 {"authorised", authorised},
                 {"back_url", context.url("family.page")},
                 {"panels", std::move(panels)}});
}

Response FamilyPages::family_add_authorised(RequestContext& context) {
    const auto household = parse_id(context.params.get("household"));
    if (!household)
        return error_page(404, context);
    const core::HouseholdId id{*household};
    const family::AuthorisedInput input{context.form.get("last_name"), context.form.get("first_name"),
                                        context.form.get("phone"), context.form.get("relationship")};
    family::FieldErrors errors;
    auto added =
        m_family.add_authorised_as_parent(context.commune_id(), context.signed_in->account.id, id, input, errors);
    if (!added) {
        return added.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                : storage_failure(context, added.error());
    }
    if (!errors.empty()) {
        const UrlParams here = {{"household", std::to_string(*household)}};
        return family_page(context,
                           {{"authorised_" + std::to_string(*household),
                             form_view(context.url("family.authorised", here),
                                       {{"last_name", input.last_name},
                                        {"first_name", input.first_name},
                                        {"phone", input.phone},
                                        {"relationship", input.relationship}},
                                       errors, context.language, m_catalogue,
                                       "champ-authorised-" + std::to_string(*household) + "-")}},
                           422);
    }
    return redirect_with_flash(context, context.url("family.page"), "msg_member_added");
}

Response FamilyPages::family_remove_authorised(RequestContext& context) {
    const auto household = parse_id(context.params.get("household"));
    const auto person = parse_id(context.params.get("person"));
    if (!household || !person)
        return error_page(404, context);
    auto removed =
        m_family.remove_authorised_as_parent(context.commune_id(), context.signed_in->account.id,
                                             core::HouseholdId{*household}, core::AuthorisedPersonId{*person});
    if (!removed) {
        return removed.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                  : storage_failure(context, removed.error());
    }
    return redirect_with_flash(context, context.url("family.page"), "msg_member_removed");
}

Response FamilyPages::family_contact(RequestContext& context) {
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
    auto saved = m_family.update_own_contact(context.commune_id(), context.signed_in->account.id,
                                             core::HouseholdId{*household}, input, errors);
    if (!saved) {
        return saved.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                : storage_failure(context, saved.error());
    }
    if (!errors.empty()) {
        const UrlParams here = {{"household", std::to_string(*household)}};
        return family_page(
            context,
            {{"contact_" + std::to_string(*household),
              form_view(context.url("family.contact", here),
                        {{"email", input.email},
                         {"mobile_phone", input.mobile_phone},
                         {"landline_phone", input.landline_phone}},
                        errors, context.language, m_catalogue, "champ-contact-" + std::to_string(*household) + "-")}},
            422);
    }
    return redirect_with_flash(context, context.url("family.page"), "msg_family_contact_saved");
}

}  // namespace guichet::web
