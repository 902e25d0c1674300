// A child's absences: the report of a booked day the child will miss, and the list of his absences.
#include "web/booking/absence_pages.h"

#include <nlohmann/json.hpp>

#include "web/http/url.h"

namespace guichet::web {
namespace {

constexpr const char* kReasons[] = {"illness", "personal", "medical_appointment", "other"};

// A date as typed: "2026-11-12" (a date field) or "12/11/2026".
std::optional<core::CivilDate> date_of(const std::string& text) {
    if (auto iso = core::CivilDate::parse_iso(text)) {
        return *iso;
    }
    if (auto fr = core::CivilDate::parse_fr(text)) {
        return *fr;
    }
    return std::nullopt;
}

}  // namespace

void AbsencePages::add_routes(Installation& site) {
    const bool guichet = m_desk == BookingDesk::guichet;
    const std::string base =
        guichet ? "/{commune}/agents/familles/{household}/enfants/{child}" : "/{commune}/ma-famille/enfants/{child}";
    const Policy policy = guichet ? Policy::agent() : Policy::parent();
    site.routes.add(commune_route(Method::get, base + "/absences", route("absences"), policy,
                                  [this](RequestContext& c) { return list(c, nlohmann::json::object(), {}, 200); }));
    site.routes.add(commune_route(Method::post, base + "/absences", route("absence_report"), policy,
                                  [this](RequestContext& c) { return report(c); }));
}

std::string AbsencePages::route(std::string_view what) const {
    return (m_desk == BookingDesk::guichet ? "booking.desk." : "booking.") + std::string(what);
}

std::optional<AbsencePages::Target> AbsencePages::target_of(const RequestContext& context) const {
    const auto child = parse_id(context.params.get("child"));
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!child || !zone) {
        return std::nullopt;
    }
    Target target{{context.commune_id(), *zone}, {}, core::ChildId{*child}, {{"child", std::to_string(*child)}}};
    target.actor.account = context.signed_in->account.id;
    target.actor.ip = context.origin().ip;
    if (m_desk == BookingDesk::guichet) {
        const auto household = parse_id(context.params.get("household"));
        if (!household) {
            return std::nullopt;
        }
        target.actor.channel = booking::BookingChannel::guichet;
        target.actor.household = core::HouseholdId{*household};
        target.here.emplace_back("household", std::to_string(*household));
    }
    return target;
}

Response AbsencePages::list(RequestContext& context, const nlohmann::json& form, const std::string& error_key,
                            int status) {
    const auto target = target_of(context);
    if (!target) {
        return error_page(404, context);
    }
    auto absences = m_absences.absences(target->scope, target->actor, target->child);
    if (!absences) {
        return absences.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                   : storage_failure(context, absences.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog) {
        return storage_failure(context, catalog.error());
    }
    const core::CivilDate today = context.today();
    nlohmann::json rows = nlohmann::json::array();
    for (const booking::Absence& absence : *absences) {
        const catalog::Activity* activity = catalog->activity(absence.activity);
        nlohmann::json row = {
            {"date", absence.day.format_fr()},
            {"iso", absence.day.to_iso()},
            {"activity", activity != nullptr ? activity->name : ""},
            {"reason", m_catalogue.text(context.language,
                                        "absence_reason_" + std::string(booking::absence_reason_name(absence.reason)))},
            {"note", absence.note},
            {"billing",
             m_catalogue.text(context.language, "absence_billing_" + std::string(booking::absence_billing_name(
                                                                         booking::absence_billing(absence, today))))}};
        if (absence.justification != booking::JustificationStatus::none) {
            row["justification"] = m_catalogue.text(
                context.language,
                "absence_justification_" + std::string(booking::justification_status_name(absence.justification)));
            if (absence.justification_deadline) {
                row["deadline"] = absence.justification_deadline->format_fr();
            }
            if (!absence.refusal_reason.empty()) {
                row["refusal"] = absence.refusal_reason;
            }
        }
        rows.push_back(std::move(row));
    }
    std::string first = form.value("du", std::string());
    if (first.empty()) {
        first = query_value(context.request.query, "du").value_or(today.to_iso());
        if (!date_of(first)) {
            first = today.to_iso();
        }
    }
    const std::string chosen_reason = form.value("motif", std::string("illness"));
    nlohmann::json reasons = nlohmann::json::array();
    for (const char* reason : kReasons) {
        reasons.push_back({{"value", reason},
                           {"label", m_catalogue.text(context.language, std::string("absence_reason_") + reason)},
                           {"selected", chosen_reason == reason}});
    }
    nlohmann::json activities = nlohmann::json::array();
    for (const catalog::Activity& activity : catalog->activities) {
        activities.push_back({{"id", activity.id.value()}, {"name", activity.name}});
    }
    nlohmann::json data = {{"absences", rows},
                           {"has_absences", !rows.empty()},
                           {"action", context.url(route("absence_report"), target->here)},
                           {"calendar_url", context.url(route("calendar"), target->here)},
                           {"first", first},
                           {"last", form.value("au", std::string())},
                           {"note", form.value("precision", std::string())},
                           {"reasons", reasons},
                           {"activities", activities},
                           {"past_days", std::to_string(catalog->settings.get("absence_past_days"))},
                           {"certificate_days", std::to_string(catalog->settings.get("certificate_days"))}};
    if (!error_key.empty()) {
        data["error"] = m_catalogue.text(context.language, error_key);
    }
    if (m_desk == BookingDesk::guichet) {
        data["guichet"] = true;
    }
    context.ensure_csrf();
    return page(status, context, "booking/absences", "absence_title", std::move(data));
}

Response AbsencePages::report(RequestContext& context) {
    const auto target = target_of(context);
    if (!target) {
        return error_page(404, context);
    }
    const nlohmann::json form = {{"du", context.form.get("du")},
                                 {"au", context.form.get("au")},
                                 {"motif", context.form.get("motif")},
                                 {"precision", context.form.get("precision")}};
    booking::AbsenceRequest request;
    const auto first = date_of(context.form.get("du"));
    const std::string last_text = context.form.get("au");
    const auto last = last_text.empty() ? first : date_of(last_text);
    const auto reason = booking::absence_reason_from_name(context.form.get("motif"));
    if (!first || !last) {
        return list(context, form, "err_absence_date", 422);
    }
    if (!reason) {
        return list(context, form, "err_absence_reason", 422);
    }
    request.first = *first;
    request.last = *last;
    request.reason = *reason;
    request.note = context.form.get("precision");
    if (request.note.size() > 300) {
        return list(context, form, "err_absence_note_long", 422);
    }
    for (const std::string& text : context.form.get_all("activite")) {
        const auto id = parse_id(text);
        if (!id) {
            return list(context, form, "err_activity_unknown", 422);
        }
        request.activities.push_back(core::ActivityId{*id});
    }
    auto reported = m_absences.report(target->scope, target->actor, target->child, request);
    if (!reported) {
        const core::ErrorCode code = reported.error().code;
        if (code == core::ErrorCode::not_found) {
            return error_page(404, context);
        }
        if (code == core::ErrorCode::invalid_input || code == core::ErrorCode::conflict) {
            return list(context, form, reported.error().key, 422);
        }
        return storage_failure(context, reported.error());
    }
    return redirect_with_flash(context, context.url(route("absences"), target->here), "msg_absence_reported");
}

}  // namespace guichet::web
