// The agents' enrolments: the pending ones, and the decision on each.
#include "web/booking/booking_office.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "web/http/url.h"

namespace guichet::web {

void BookingOffice::add_routes(Installation& site) {
    site.routes.add(commune_route(Method::get, "/{commune}/agents/inscriptions", "booking.office.enrolments",
                                  Policy::agent(), [this](RequestContext& c) { return pending(c, {}, {}, 200); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/inscriptions/{enrolment}/decision",
                                  "booking.office.decide", Policy::agent(),
                                  [this](RequestContext& c) { return decide(c); }));
    site.navigation.add(MenuEntry{35, "booking.office.enrolments", "nav_agents_enrolments", Audience::staff});
    site.mails.add({"enrolment_decided", "booking", "", ""});
}

Response BookingOffice::pending(RequestContext& context, const std::string& refused_id, const std::string& refused_key,
                                int status) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const booking::Scope scope{context.commune_id(), *zone};
    auto list = m_booking.pending(scope);
    if (!list) {
        return storage_failure(context, list.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog) {
        return storage_failure(context, catalog.error());
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const booking::PendingEnrolment& entry : *list) {
        const booking::Enrolment& enrolment = entry.enrolment;
        const catalog::Activity* activity = catalog->activity(enrolment.activity);
        const catalog::Site* site = catalog->site(enrolment.site);
        const std::string id = std::to_string(enrolment.id.value());
        nlohmann::json row = {{"id", id},
                              {"activity", activity != nullptr ? activity->name : ""},
                              {"site", site != nullptr ? site->name : ""},
                              {"child", entry.child_name},
                              {"household", entry.household_reference},
                              {"requested_at", context.local_text(enrolment.requested_at)},
                              {"action", context.url("booking.office.decide", {{"enrolment", id}})}};
        if (id == refused_id) {
            row["error"] = m_catalogue.text(context.language, refused_key);
        }
        rows.push_back(std::move(row));
    }
    context.ensure_csrf();
    return page(status, context, "booking/agents_enrolments", "agents_enrolments_title",
                {{"has_enrolments", !rows.empty()}, {"enrolments", rows}});
}

Response BookingOffice::decide(RequestContext& context) {
    const std::string id_text(context.params.get("enrolment"));
    const auto id = parse_id(id_text);
    if (!id) {
        return error_page(404, context);
    }
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const std::string choice = context.form.get("decision");
    if (choice != "accepter" && choice != "refuser") {
        return pending(context, id_text, "err_enrolment_decision", 422);
    }
    const booking::Actor agent{context.signed_in->account.id, booking::BookingChannel::guichet, std::nullopt,
                               context.origin().ip};
    auto decided =
        m_booking.decide({context.commune_id(), *zone}, agent, core::EnrolmentId{*id},
                         choice == "accepter" ? booking::EnrolmentStep::accept : booking::EnrolmentStep::refuse,
                         context.form.get("motif"));
    if (!decided) {
        if (decided.error().code == core::ErrorCode::not_found) {
            return error_page(404, context);
        }
        if (decided.error().code == core::ErrorCode::invalid_input ||
            decided.error().code == core::ErrorCode::conflict) {
            return pending(context, id_text, decided.error().key, 422);
        }
        return storage_failure(context, decided.error());
    }
    return redirect_with_flash(
        context, context.url("booking.office.enrolments"),
        choice == "accepter" ? "msg_enrolment_decided_accepted" : "msg_enrolment_decided_refused");
}

}  // namespace guichet::web
