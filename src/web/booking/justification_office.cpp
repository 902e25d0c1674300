// The agents' justifications of absences: the certificates to decide, and the decision on each.
#include "web/booking/justification_office.h"

#include <nlohmann/json.hpp>

#include "web/http/url.h"

namespace guichet::web {

void JustificationOffice::add_routes(Installation& site) {
    site.routes.add(commune_route(Method::get, "/{commune}/agents/justificatifs", "booking.office.justifications",
                                  Policy::agent(), [this](RequestContext& c) { return pending(c, {}, {}, 200); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/justificatifs/{absence}/decision",
                                  "booking.office.justification_decide", Policy::agent(),
                                  [this](RequestContext& c) { return decide(c); }));
    site.navigation.add(MenuEntry{36, "booking.office.justifications", "nav_agents_justifications", Audience::staff});
    site.mails.add({"absence_justification_decided", "booking", "", ""});
}

Response JustificationOffice::pending(RequestContext& context, const std::string& failed_id,
                                      const std::string& failed_key, int status) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    auto list = m_absences.open_justifications({context.commune_id(), *zone});
    if (!list) {
        return storage_failure(context, list.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog) {
        return storage_failure(context, catalog.error());
    }
    const core::CivilDate today = context.today();
    nlohmann::json rows = nlohmann::json::array();
    for (const booking::OpenJustification& entry : *list) {
        const booking::Absence& absence = entry.absence;
        const catalog::Activity* activity = catalog->activity(absence.activity);
        const std::string id = std::to_string(absence.id.value());
        const bool late = absence.justification_deadline && today > *absence.justification_deadline;
        nlohmann::json row = {
            {"id", id},
            {"child", entry.child_name},
            {"household", entry.household_reference},
            {"activity", activity != nullptr ? activity->name : ""},
            {"date", absence.day.format_fr()},
            {"deadline", absence.justification_deadline ? absence.justification_deadline->format_fr() : ""},
            {"late", late},
            {"status", m_catalogue.text(context.language,
                                        "absence_justification_" +
                                            std::string(booking::justification_status_name(absence.justification)))},
            {"action", context.url("booking.office.justification_decide", {{"absence", id}})}};
        if (id == failed_id) {
            row["error"] = m_catalogue.text(context.language, failed_key);
        }
        rows.push_back(std::move(row));
    }
    context.ensure_csrf();
    return page(status, context, "booking/agents_justifications", "agents_justifications_title",
                {{"has_justifications", !rows.empty()}, {"justifications", rows}});
}

Response JustificationOffice::decide(RequestContext& context) {
    const std::string id_text(context.params.get("absence"));
    const auto id = parse_id(id_text);
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!id || !zone) {
        return error_page(404, context);
    }
    const std::string choice = context.form.get("decision");
    if (choice != "accepter" && choice != "refuser") {
        return pending(context, id_text, "err_justification_decision", 422);
    }
    const std::string reason = context.form.get("motif");
    if (reason.size() > 300) {
        return pending(context, id_text, "err_justification_reason", 422);
    }
    const booking::Actor agent{context.signed_in->account.id, booking::BookingChannel::guichet, std::nullopt,
                               context.origin().ip};
    auto decided = m_absences.decide(
        {context.commune_id(), *zone}, agent, booking::AbsenceId{*id},
        choice == "accepter" ? booking::JustificationStep::accept : booking::JustificationStep::refuse, reason);
    if (!decided) {
        const core::ErrorCode code = decided.error().code;
        if (code == core::ErrorCode::not_found) {
            return error_page(404, context);
        }
        if (code == core::ErrorCode::invalid_input || code == core::ErrorCode::conflict) {
            return pending(context, id_text, decided.error().key, 422);
        }
        return storage_failure(context, decided.error());
    }
    return redirect_with_flash(context, context.url("booking.office.justifications"),
                               choice == "accepter" ? "msg_justification_accepted" : "msg_justification_refused");
}

}  // namespace guichet::web
