// The agents' family back office: search, households and their members, keys and letters, CSV import.
#include "web/family/family_office.h"

#include "web/family/family_forms.h"

#include <nlohmann/json.hpp>

#include <map>

#include "core/text.h"
#include "core/time_zone.h"
#include "family/childcare_key.h"
#include "web/http/url.h"
#include "web/view/form_view.h"
#include "web/view/people.h"

namespace guichet::web {
namespace {

template <class Enum>
nlohmann::json options(const std::vector<Enum>& values, std::string_view (*name)(Enum), const std::string& prefix,
                       const std::string& selected, Language language, const Catalogue& catalogue) {
    nlohmann::json list = nlohmann::json::array();
    for (Enum value : values) {
        const std::string key(name(value));
        list.push_back(
            {{"value", key}, {"label", catalogue.text(language, prefix + key)}, {"selected", key == selected}});
    }
    return list;
}

const std::vector<family::Relationship> kRelationships = {family::Relationship::mother, family::Relationship::father,
                                                          family::Relationship::guardian, family::Relationship::other};
const std::vector<family::Sex> kSexes = {family::Sex::female, family::Sex::male};
const std::vector<family::ClassLevel> kClasses = {
    family::ClassLevel::none, family::ClassLevel::ps,  family::ClassLevel::ms,
    family::ClassLevel::gs,   family::ClassLevel::cp,  family::ClassLevel::ce1,
    family::ClassLevel::ce2,  family::ClassLevel::cm1, family::ClassLevel::cm2};
const std::vector<family::DietaryOption> kDiets = {family::DietaryOption::standard, family::DietaryOption::no_pork,
                                                   family::DietaryOption::no_meat, family::DietaryOption::packed_meal};
const std::vector<family::QuotientSource> kSources = {family::QuotientSource::caf, family::QuotientSource::commune};

}  // namespace

void FamilyOffice::add_routes(Installation& site) {
    const std::string base = "/{commune}/agents/familles";
    const auto add = [&site](Method method, const std::string& path, std::string name, Handler handler) {
        site.routes.add(commune_route(method, path, std::move(name), Policy::agent(), std::move(handler)));
    };
    add(Method::get, base, "office.families", [this](RequestContext& c) { return office_families(c); });
    add(Method::get, base + "/nouvelle", "office.families.new",
        [this](RequestContext& c) { return office_new_household(c, nullptr, 200); });
    add(Method::post, base + "/nouvelle", "office.families.create",
        [this](RequestContext& c) { return office_create_household(c); });
    add(Method::post, base + "/lettres", "office.families.letters",
        [this](RequestContext& c) { return office_letters(c); });
    // Reading every household of a town takes a while: the worker pool, as for the import.
    site.routes.add(
        on_worker_pool(commune_route(Method::get, base + "/export.csv", "office.families.export", Policy::agent(),
                                     [this](RequestContext& c) { return office_export(c); })));
    add(Method::get, base + "/import", "office.families.import",
        [this](RequestContext& c) { return office_import(c, nullptr, 200); });
    // An import file may be large, and reading it checks every line: the worker pool, a larger body limit.
    site.routes.add(with_body_limit(
        on_worker_pool(commune_route(Method::post, base + "/import", "office.families.import.submit", Policy::agent(),
                                     [this](RequestContext& c) { return office_import_submit(c); })),
        16 * 1024 * 1024));
    add(Method::get, base + "/{household}/representants/{person}", "office.representative",
        [this](RequestContext& c) { return office_representative(c, nullptr, 200); });
    add(Method::get, base + "/{household}", "office.household",
        [this](RequestContext& c) { return office_household(c, nlohmann::json::object(), 200); });
    const std::vector<std::pair<std::string, std::string>> actions = {
        {"/representants", "representative_add"},
        {"/representants/{person}/retirer", "representative_remove"},
        {"/representants/{person}/cle", "key"},
        {"/representants/{person}/lettre", "letter"},
        {"/representants/{person}/courriel", "mail"},
        {"/enfants", "child_add"},
        {"/enfants/{child}/retirer", "child_remove"},
        {"/personnes-autorisees", "authorised_add"},
        {"/personnes-autorisees/{person}/retirer", "authorised_remove"},
        {"/quotient", "quotient"},
        {"/adresse", "address"},
        {"/representants/{person}", "representative_edit"},
        {"/enfants/rattacher", "child_attach"},
    };
    for (const auto& [path, action] : actions) {
        add(Method::post, base + "/{household}" + path, "office.household." + action,
            [this, action = action](RequestContext& c) { return office_household_action(c, action); });
    }
    site.navigation.add(MenuEntry{40, "office.families", "nav_agents_families", Audience::staff});
    site.navigation.add(
        OfficeLink{40, "office.families", "agents_link_families", "agents_link_families_desc", Audience::staff});
    site.mails.add({"childcare_key", "family", "", ""});
    add_job_kinds(site);
}

Response FamilyOffice::office_families(RequestContext& context) {
    context.ensure_csrf();
    const std::string query = query_value(context.request.query, "q").value_or("");
    auto found = m_family.search(context.commune_id(), query);
    if (!found)
        return storage_failure(context, found.error());
    nlohmann::json results = nlohmann::json::array();
    for (const auto& hit : *found) {
        results.push_back({{"reference", hit.reference},
                           {"href", context.url("office.household", {{"household", std::to_string(hit.id.value())}})},
                           {"representatives", hit.representatives},
                           {"children", hit.children},
                           {"linked_label", std::to_string(hit.linked) + "/" + std::to_string(hit.total)}});
    }
    nlohmann::json data = {{"search", {{"action", context.url("office.families")}, {"q", query}}},
                           {"results", results},
                           {"new_url", context.url("office.families.new")},
                           {"import_url", context.url("office.families.import")},
                           {"export_url", context.url("office.families.export")},
                           {"letters_action", context.url("office.families.letters")}};
    if (!query.empty())
        data["searched"] = true;
    // The last batch of letters, while it runs or while its file waits to be downloaded: an agent who left its page
    // finds it again here.
    auto letters = m_jobs.latest(context.commune_id(), "key_letters");
    if (!letters)
        return storage_failure(context, letters.error());
    if (*letters && ((*letters)->active() || (*letters)->file_ready())) {
        data["letters_job"] = {
            {"href", context.url("jobs.job", {{"job", std::to_string((*letters)->id.value())}})},
            {"text", m_catalogue.text(context.language, (*letters)->active() ? "agents_families_letters_running"
                                                                             : "agents_families_letters_ready")}};
    }
    return page(200, context, "family/agents_families", "agents_families_title", std::move(data));
}

Response FamilyOffice::office_new_household(RequestContext& context, nlohmann::json form, int status) {
    context.ensure_csrf();
    if (form.is_null()) {
        form =
            form_view(context.url("office.families.new"), nlohmann::json::object(), {}, context.language, m_catalogue);
    }
    for (const char* n : {"1", "2"}) {
        const std::string civility = form["values"].value(std::string("rep") + n + "_civility", "");
        const std::string relationship = form["values"].value(std::string("rep") + n + "_relationship", "");
        form[std::string("civility_options_") + n] =
            civility_options(identity::civility_from_name(civility).value_or(identity::Civility::unspecified),
                             context.language, m_catalogue);
        form[std::string("relationship_options_") + n] = options(
            kRelationships, &family::relationship_name, "relationship_", relationship, context.language, m_catalogue);
    }
    return page(status, context, "family/agents_family_new", "agents_family_new_title",
                {{"form", form}, {"back_url", context.url("office.families")}});
}

Response FamilyOffice::office_create_household(RequestContext& context) {
    const identity::PostalAddress address{context.form.get("address_line"), context.form.get("address_complement"),
                                          context.form.get("postal_code"), context.form.get("city")};
    std::vector<family::RepresentativeInput> people = {representative_from(context.form, "rep1_")};
    const auto second = representative_from(context.form, "rep2_");
    if (!core::trim(second.last_name + second.first_name + second.civility + second.email).empty()) {
        people.push_back(second);
    }
    family::FieldErrors errors;
    auto created =
        m_family.create_household(context.commune_id(), address, people, context.signed_in->account.id, errors);
    if (!created)
        return storage_failure(context, created.error());
    if (!errors.empty()) {
        nlohmann::json values = nlohmann::json::object();
        for (const char* field : {"address_line", "address_complement", "postal_code", "city"}) {
            values[field] = context.form.get(field);
        }
        for (const char* prefix : {"rep1_", "rep2_"}) {
            for (const char* field :
                 {"civility", "last_name", "first_name", "relationship", "email", "mobile_phone", "landline_phone"}) {
                values[std::string(prefix) + field] = context.form.get(std::string(prefix) + field);
            }
        }
        return office_new_household(
            context,
            form_view(context.url("office.families.new"), std::move(values), errors, context.language, m_catalogue),
            422);
    }
    return redirect_with_flash(context,
                               context.url("office.household", {{"household", std::to_string(created->value())}}),
                               "msg_household_created");
}

Response FamilyOffice::office_household(RequestContext& context, nlohmann::json extra, int status) {
    context.ensure_csrf();
    const auto id = parse_id(context.params.get("household"));
    if (!id)
        return error_page(404, context);
    auto record = m_family.household(context.commune_id(), core::HouseholdId{*id});
    if (!record)
        return storage_failure(context, record.error());
    if (!*record)
        return error_page(404, context);
    const Language lang = context.language;
    const std::string household_id = std::to_string(*id);
    // The path of one of this household's forms ("office.household.child_add"), with the person it is about.
    const auto action = [&](const char* name, UrlParams more = {}) {
        more.emplace_back("household", household_id);
        return context.url(std::string("office.household.") + name, more);
    };
    const core::Instant now = m_kit.clock.now();
    nlohmann::json representatives = nlohmann::json::array();
    for (const auto& person : (*record)->representatives) {
        const UrlParams who = {{"person", std::to_string(person.id.value())}};
        std::string key_status = "key_status_none";
        if (person.key_used_at)
            key_status = "key_status_used";
        else if (person.key_expires_at && now >= *person.key_expires_at)
            key_status = "key_status_expired";
        else if (person.key_issued_at)
            key_status = "key_status_issued";
        std::string phones = person.mobile_phone;
        if (!person.landline_phone.empty())
            phones += (phones.empty() ? "" : ", ") + person.landline_phone;
        nlohmann::json row = {
            {"name", person_name(person.first_name, person.last_name)},
            {"relationship_label",
             m_catalogue.text(lang, "relationship_" + std::string(family::relationship_name(person.relationship)))},
            {"account_label", m_catalogue.text(lang, person.account ? "account_linked" : "account_not_linked")},
            {"key_status_label", m_catalogue.text(lang, key_status)},
            {"key_action", action("key", who)},
            {"letter_action", action("letter", who)},
            {"remove_action", action("representative_remove", who)}};
        row["edit_url"] = context.url("office.representative", {{"household", household_id}, who.front()});
        if (!person.email.empty()) {
            row["email"] = person.email;
            row["email_action"] = action("mail", who);
        }
        if (!phones.empty())
            row["phones"] = phones;
        representatives.push_back(std::move(row));
    }
    nlohmann::json children = nlohmann::json::array();
    for (const auto& child : (*record)->children) {
        nlohmann::json child_row = {
            {"name", person_name(child.first_name, child.last_name)},
            {"birth_date", child.birth_date.format_fr()},
            {"class_label", m_catalogue.text(lang, "class_" + std::string(family::class_name(child.class_level)))},
            {"diet_label", m_catalogue.text(lang, "diet_" + std::string(family::diet_name(child.diet)))},
            {"pai_label", m_catalogue.text(lang, child.pai ? "pai_yes" : "pai_no")},
            {"remove_action", action("child_remove", {{"child", std::to_string(child.id.value())}})}};
        // At the guichet the agent books and enrols for the child (the booking feature's pages for this household).
        const UrlParams at_desk = {{"household", household_id}, {"child", std::to_string(child.id.value())}};
        child_row["calendar_url"] = context.url("booking.desk.calendar", at_desk);
        child_row["enrolments_url"] = context.url("booking.desk.enrolments", at_desk);
        if (!child.school.empty())
            child_row["school"] = child.school;
        children.push_back(std::move(child_row));
    }
    nlohmann::json authorised = nlohmann::json::array();
    for (const auto& person : (*record)->authorised) {
        authorised.push_back(
            {{"name", person_name(person.first_name, person.last_name)},
             {"phone", person.phone},
             {"relationship", person.relationship},
             {"remove_action", action("authorised_remove", {{"person", std::to_string(person.id.value())}})}});
    }
    nlohmann::json quotients = nlohmann::json::array();
    for (const auto& quotient : (*record)->quotients) {
        nlohmann::json row = {
            {"amount", std::to_string(quotient.amount_euros) + "\u00A0€"},
            {"source_label",
             m_catalogue.text(lang, "qf_source_" + std::string(family::quotient_source_name(quotient.source)))},
            {"valid_from", quotient.valid_from.format_fr()}};
        if (quotient.valid_to)
            row["valid_to"] = quotient.valid_to->format_fr();
        quotients.push_back(std::move(row));
    }
    // Who did it: an agent by name, or a representative of this household (a parent acting himself).
    std::map<long long, std::string> names;
    if (auto staff = m_staff.list(context.commune_id())) {
        for (const auto& member : *staff) {
            names[member.id.value()] = person_name(member.contact.first_name, member.contact.last_name);
        }
    }
    for (const auto& person : (*record)->representatives) {
        if (person.account)
            names[person.account->value()] = person_name(person.first_name, person.last_name);
    }
    nlohmann::json history = nlohmann::json::array();
    if (auto events = m_family.history(context.commune_id(), core::HouseholdId{*id})) {
        const auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
        for (const auto& event : *events) {
            nlohmann::json row = {{"when", zone ? zone->to_local(event.at).format_fr() : core::to_iso_utc(event.at)},
                                  {"kind_label", m_catalogue.text(lang, "family_event_" + event.kind)}};
            if (event.actor && names.count(event.actor->value()) != 0)
                row["actor"] = names[event.actor->value()];
            if (!event.detail.empty())
                row["detail"] = event.detail;
            history.push_back(std::move(row));
        }
    }
    const auto blank = [&](const char* name, const std::string& action) {
        return extra.contains(name) ? extra[name]
                                    : form_view(action, nlohmann::json::object(), {}, lang, m_catalogue,
                                                std::string("champ-") + name + "-");
    };
    nlohmann::json child_form = blank("child", action("child_add"));
    const nlohmann::json child_values = child_form.value("values", nlohmann::json::object());
    child_form["sex_options"] =
        options(kSexes, &family::sex_name, "sex_", child_values.value("sex", ""), lang, m_catalogue);
    child_form["class_options"] =
        options(kClasses, &family::class_name, "class_", child_values.value("class_level", "none"), lang, m_catalogue);
    child_form["diet_options"] =
        options(kDiets, &family::diet_name, "diet_", child_values.value("diet", "standard"), lang, m_catalogue);
    nlohmann::json quotient_form = blank("quotient", action("quotient"));
    quotient_form["source_options"] =
        options(kSources, &family::quotient_source_name, "qf_source_",
                quotient_form.value("values", nlohmann::json::object()).value("source", "caf"), lang, m_catalogue);
    nlohmann::json data = {{"household",
                            {{"reference", (*record)->household.reference},
                             {"address_lines", address_lines((*record)->household.address)}}},
                           {"representatives", representatives},
                           {"children", children},
                           {"authorised", authorised},
                           {"quotients", quotients},
                           {"history", history},
                           {"child_form", child_form},
                           {"authorised_form", blank("authorised", action("authorised_add"))},
                           {"quotient_form", quotient_form},
                           {"back_url", context.url("office.families")}};
    if ((*record)->representatives.size() < 2) {
        nlohmann::json form = blank("representative", action("representative_add"));
        const nlohmann::json values = form.value("values", nlohmann::json::object());
        form["civility_options"] = civility_options(
            identity::civility_from_name(values.value("civility", "")).value_or(identity::Civility::unspecified), lang,
            m_catalogue);
        form["relationship_options"] = options(kRelationships, &family::relationship_name, "relationship_",
                                               values.value("relationship", ""), lang, m_catalogue);
        data["representative_form"] = std::move(form);
    }
    data["address_form"] = extra.contains("address")
                               ? extra["address"]
                               : form_view(action("address"),
                                           {{"address_line", (*record)->household.address.line},
                                            {"address_complement", (*record)->household.address.complement},
                                            {"postal_code", (*record)->household.address.postal_code},
                                            {"city", (*record)->household.address.city}},
                                           {}, lang, m_catalogue, "champ-address-");
    data["attach_form"] = blank("attach", action("child_attach"));
    if (extra.contains("new_key"))
        data["new_key"] = extra["new_key"];
    return page(status, context, "family/agents_family", "agents_family_title", std::move(data));
}

Response FamilyOffice::office_representative(RequestContext& context, nlohmann::json form, int status) {
    context.ensure_csrf();
    const auto household = parse_id(context.params.get("household"));
    const auto id = parse_id(context.params.get("person"));
    if (!household || !id)
        return error_page(404, context);
    auto record = m_family.household(context.commune_id(), core::HouseholdId{*household});
    if (!record)
        return storage_failure(context, record.error());
    if (!*record)
        return error_page(404, context);
    const family::Representative* person = nullptr;
    for (const auto& known : (*record)->representatives) {
        if (known.id.value() == *id)
            person = &known;
    }
    if (person == nullptr)
        return error_page(404, context);
    const UrlParams here = {{"household", std::to_string(*household)}};
    const std::string page_url = context.url("office.household", here);
    if (form.is_null()) {
        form = form_view(
            context.url("office.household.representative_edit", {here.front(), {"person", std::to_string(*id)}}),
            {{"civility", std::string(identity::civility_name(person->civility))},
             {"last_name", person->last_name},
             {"first_name", person->first_name},
             {"relationship", std::string(family::relationship_name(person->relationship))},
             {"email", person->email},
             {"mobile_phone", person->mobile_phone},
             {"landline_phone", person->landline_phone}},
            {}, context.language, m_catalogue);
    }
    const nlohmann::json values = form.value("values", nlohmann::json::object());
    form["civility_options"] = civility_options(
        identity::civility_from_name(values.value("civility", "")).value_or(identity::Civility::unspecified),
        context.language, m_catalogue);
    form["relationship_options"] = options(kRelationships, &family::relationship_name, "relationship_",
                                           values.value("relationship", ""), context.language, m_catalogue);
    return page(status, context, "family/agents_representative", "agents_representative_title",
                {{"form", form}, {"back_url", page_url}});
}

}  // namespace guichet::web
