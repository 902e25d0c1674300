// What agents do to a household (add and remove members, record a quotient, issue keys) and the import.
#include "web/family/family_office.h"

#include "web/family/family_forms.h"

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "family/childcare_key.h"
#include "web/http/url.h"
#include "web/view/form_view.h"
#include "web/view/people.h"

namespace guichet::web {
namespace {

nlohmann::json values_of(const Form& form, std::initializer_list<const char*> fields) {
    nlohmann::json values = nlohmann::json::object();
    for (const char* field : fields)
        values[field] = form.get(field);
    return values;
}

}  // namespace

Response FamilyOffice::office_household_action(RequestContext& context, std::string_view action) {
    const auto household_id = parse_id(context.params.get("household"));
    if (!household_id)
        return error_page(404, context);
    const core::HouseholdId household{*household_id};
    const core::CommuneId commune = context.commune_id();
    const core::AccountId actor = context.signed_in->account.id;
    const UrlParams here = {{"household", std::to_string(*household_id)}};
    const std::string page_url = context.url("office.household", here);
    // The path of the form this action belongs to, shown again with its errors.
    const auto at = [&](const char* name) { return context.url(std::string("office.household.") + name, here); };
    family::FieldErrors errors;
    core::Status done;
    nlohmann::json form_on_error;
    std::string form_name;
    const auto person = parse_id(context.params.get("person"));
    if (action == "representative_add") {
        done = m_family.add_representative(commune, household, representative_from(context.form), actor, errors);
        form_name = "representative";
        form_on_error = form_view(at("representative_add"),
                                  values_of(context.form, {"civility", "last_name", "first_name", "relationship",
                                                           "email", "mobile_phone", "landline_phone"}),
                                  errors, context.language, m_catalogue, "champ-representative-");
    } else if (action == "child_add") {
        const family::ChildInput input{context.form.get("last_name"),  context.form.get("first_name"),
                                       context.form.get("birth_date"), context.form.get("sex"),
                                       context.form.get("school"),     context.form.get("class_level"),
                                       context.form.get("diet"),       context.form.get("pai") == "oui"};
        done = m_family.add_child(commune, household, input, actor, errors, context.today());
        form_name = "child";
        form_on_error = form_view(
            at("child_add"),
            values_of(context.form, {"last_name", "first_name", "birth_date", "sex", "school", "class_level", "diet"}),
            errors, context.language, m_catalogue, "champ-child-");
        if (input.pai)
            form_on_error["values"]["pai"] = "oui";
    } else if (action == "authorised_add") {
        const family::AuthorisedInput input{context.form.get("last_name"), context.form.get("first_name"),
                                            context.form.get("phone"), context.form.get("relationship")};
        done = m_family.add_authorised(commune, household, input, actor, errors);
        form_name = "authorised";
        form_on_error = form_view(at("authorised_add"),
                                  values_of(context.form, {"last_name", "first_name", "phone", "relationship"}), errors,
                                  context.language, m_catalogue, "champ-authorised-");
    } else if (action == "quotient") {
        const family::QuotientInput input{context.form.get("amount"), context.form.get("source"),
                                          context.form.get("valid_from"), context.form.get("valid_to")};
        done = m_family.record_quotient(commune, household, input, actor, errors);
        form_name = "quotient";
        form_on_error =
            form_view(at("quotient"), values_of(context.form, {"amount", "source", "valid_from", "valid_to"}), errors,
                      context.language, m_catalogue, "champ-quotient-");
    } else if (action == "representative_edit") {
        if (!person)
            return error_page(404, context);
        done = m_family.update_representative(commune, household, core::RepresentativeId{*person},
                                              representative_from(context.form), actor, errors);
        if (done && !errors.empty()) {
            return office_representative(
                context,
                form_view(context.url("office.household.representative_edit",
                                      {here.front(), {"person", std::to_string(*person)}}),
                          values_of(context.form, {"civility", "last_name", "first_name", "relationship", "email",
                                                   "mobile_phone", "landline_phone"}),
                          errors, context.language, m_catalogue),
                422);
        }
        if (done)
            return redirect_with_flash(context, page_url, "msg_representative_saved");
    } else if (action == "address") {
        const identity::PostalAddress address{context.form.get("address_line"), context.form.get("address_complement"),
                                              context.form.get("postal_code"), context.form.get("city")};
        done = m_family.update_address(commune, household, address, actor, errors);
        form_name = "address";
        form_on_error = form_view(
            at("address"), values_of(context.form, {"address_line", "address_complement", "postal_code", "city"}),
            errors, context.language, m_catalogue, "champ-address-");
    } else if (action == "child_attach") {
        done = m_family.attach_existing_child(commune, household, context.form.get("reference"),
                                              context.form.get("first_name"), actor, errors);
        form_name = "attach";
        form_on_error = form_view(at("child_attach"), values_of(context.form, {"reference", "first_name"}), errors,
                                  context.language, m_catalogue, "champ-attach-");
    } else if (action == "child_remove") {
        const auto child = parse_id(context.params.get("child"));
        if (!child)
            return error_page(404, context);
        done = m_family.remove_child(commune, household, core::ChildId{*child}, actor);
    } else if (!person) {
        return error_page(404, context);
    } else if (action == "representative_remove") {
        done = m_family.remove_representative(commune, household, core::RepresentativeId{*person}, actor);
    } else if (action == "authorised_remove") {
        done = m_family.remove_authorised(commune, household, core::AuthorisedPersonId{*person}, actor);
    } else if (action == "mail") {
        done = m_family.send_key_by_mail(commune, household, core::RepresentativeId{*person}, actor, context.mail());
        if (done)
            return redirect_with_flash(context, page_url, "msg_key_sent");
    } else if (action == "key" || action == "letter") {
        auto issued = m_family.issue_key(commune, household, core::RepresentativeId{*person}, actor);
        if (!issued) {
            return issued.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                     : storage_failure(context, issued.error());
        }
        if (action == "letter") {
            return key_letter_pdf(context, *issued);
        }
        // Shown once: only its digest is kept.
        return office_household(
            context,
            {{"new_key",
              {{"name", person_name(issued->representative.first_name, issued->representative.last_name)},
               {"key", family::format_childcare_key(issued->key)}}}},
            200);
    } else {
        return error_page(404, context);
    }
    if (!done) {
        switch (done.error().code) {
            case core::ErrorCode::not_found:
                return error_page(404, context);
            case core::ErrorCode::invalid_input:
                return error_page(400, context);
            default:
                return storage_failure(context, done.error());
        }
    }
    if (!errors.empty()) {
        return office_household(context, {{form_name, form_on_error}}, 422);
    }
    const bool removal = action.find("remove") != std::string_view::npos;
    return redirect_with_flash(context, page_url,
                               action == "address"    ? "msg_address_saved"
                               : action == "quotient" ? "msg_quotient_recorded"
                               : removal              ? "msg_member_removed"
                                                      : "msg_member_added");
}

Response FamilyOffice::office_import(RequestContext& context, nlohmann::json report, int status) {
    context.ensure_csrf();
    nlohmann::json data = {{"form", form_view(context.url("office.families.import"), nlohmann::json::object(), {},
                                              context.language, m_catalogue)},
                           {"back_url", context.url("office.families")}};
    if (!report.is_null())
        data["report"] = std::move(report);
    return page(status, context, "family/agents_family_import", "agents_family_import_title", std::move(data));
}

Response FamilyOffice::office_import_submit(RequestContext& context) {
    const BodyPart* file = nullptr;
    for (const auto& part : context.request.parts) {
        if (part.name == "file" && !part.filename.empty())
            file = &part;
    }
    if (file == nullptr || file->body.empty()) {
        context.ensure_csrf();
        return page(422, context, "family/agents_family_import", "agents_family_import_title",
                    {{"form", form_view(context.url("office.families.import"), nlohmann::json::object(),
                                        {{"file", "err_file_required"}}, context.language, m_catalogue)},
                     {"back_url", context.url("office.families")}});
    }
    auto report = m_import.run(context.commune_id(), file->body, context.form.get("skip_errors") == "oui",
                               context.signed_in->account.id, context.today());
    if (!report)
        return storage_failure(context, report.error());
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& error : report->errors) {
        nlohmann::json row = {{"message", m_catalogue.text(context.language, error.message_key)}};
        if (error.line > 0)
            row["line"] = error.line;  // 0: the whole file
        if (!error.column.empty())
            row["column"] = error.column;
        errors.push_back(std::move(row));
    }
    nlohmann::json view = {{"imported", report->imported},
                           {"households", report->households},
                           {"children", report->children},
                           {"errors", errors}};
    return office_import(context, std::move(view), report->imported ? 200 : 422);
}

}  // namespace guichet::web
