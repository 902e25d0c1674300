// The agents' school events: declare one (its booked days cancelled free of charge), list them, undo one.
#include "web/booking/school_event_office.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "web/http/url.h"

namespace guichet::web {
namespace {

constexpr const char* kKinds[] = {"strike", "teacher_absent", "school_outing", "closure"};

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

void SchoolEventOffice::add_routes(Installation& site) {
    site.routes.add(commune_route(Method::get, "/{commune}/agents/evenements", "booking.office.events", Policy::agent(),
                                  [this](RequestContext& c) { return list(c, nlohmann::json::object(), {}, 200); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/evenements", "booking.office.event_declare",
                                  Policy::agent(), [this](RequestContext& c) { return declare(c); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/evenements/{event}/annulation",
                                  "booking.office.event_undo", Policy::agent(),
                                  [this](RequestContext& c) { return undo(c); }));
    site.navigation.add(MenuEntry{37, "booking.office.events", "nav_agents_events", Audience::staff});
    site.mails.add({"school_event_declared", "booking", "", ""});
    site.mails.add({"school_event_undone", "booking", "", ""});
}

Response SchoolEventOffice::list(RequestContext& context, const nlohmann::json& form, const std::string& error_key,
                                 int status) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    auto events = m_events.events({context.commune_id(), *zone});
    if (!events) {
        return storage_failure(context, events.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog) {
        return storage_failure(context, catalog.error());
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const booking::SchoolEventEntry& entry : *events) {
        const booking::SchoolEvent& event = entry.event;
        const catalog::Site* site = catalog->site(event.site);
        std::string names;
        for (core::ActivityId id : event.activities) {
            if (const catalog::Activity* activity = catalog->activity(id)) {
                names += (names.empty() ? "" : ", ") + activity->name;
            }
        }
        const std::string id = std::to_string(event.id.value());
        const bool active = event.status == booking::SchoolEventStatus::active;
        rows.push_back(
            {{"id", id},
             {"kind", m_catalogue.text(context.language,
                                       "event_kind_" + std::string(booking::school_event_kind_name(event.kind)))},
             {"site", site != nullptr ? site->name : ""},
             {"first", event.first_day.format_fr()},
             {"last", event.last_day.format_fr()},
             {"several_days", event.first_day != event.last_day},
             {"activities", names},
             {"cancelled", std::to_string(entry.cancelled)},
             {"active", active},
             {"status", m_catalogue.text(context.language, active ? "event_status_active" : "event_status_undone")},
             {"undo_url", context.url("booking.office.event_undo", {{"event", id}})}});
    }
    const std::string chosen_kind = form.value("genre", std::string("strike"));
    nlohmann::json kinds = nlohmann::json::array();
    for (const char* kind : kKinds) {
        kinds.push_back({{"value", kind},
                         {"label", m_catalogue.text(context.language, std::string("event_kind_") + kind)},
                         {"selected", chosen_kind == kind}});
    }
    const std::string chosen_site = form.value("site", std::string());
    nlohmann::json sites = nlohmann::json::array();
    for (const catalog::Site& site : catalog->sites) {
        const std::string value = std::to_string(site.id.value());
        sites.push_back({{"value", value}, {"label", site.name}, {"selected", value == chosen_site}});
    }
    nlohmann::json activities = nlohmann::json::array();
    for (const catalog::Activity& activity : catalog->activities) {
        activities.push_back({{"id", activity.id.value()}, {"name", activity.name}});
    }
    nlohmann::json data = {{"events", rows},
                           {"has_events", !rows.empty()},
                           {"action", context.url("booking.office.event_declare")},
                           {"kinds", kinds},
                           {"sites", sites},
                           {"activities", activities},
                           {"first", form.value("du", context.today().to_iso())},
                           {"last", form.value("au", std::string())}};
    if (!error_key.empty()) {
        data["error"] = m_catalogue.text(context.language, error_key);
    }
    context.ensure_csrf();
    return page(status, context, "booking/agents_events", "agents_events_title", std::move(data));
}

Response SchoolEventOffice::declare(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const nlohmann::json form = {{"du", context.form.get("du")},
                                 {"au", context.form.get("au")},
                                 {"genre", context.form.get("genre")},
                                 {"site", context.form.get("site")}};
    booking::SchoolEventInput input;
    const auto first = date_of(context.form.get("du"));
    const std::string last_text = context.form.get("au");
    const auto last = last_text.empty() ? first : date_of(last_text);
    const auto kind = booking::school_event_kind_from_name(context.form.get("genre"));
    const auto site = parse_id(context.form.get("site"));
    if (!first || !last) {
        return list(context, form, "err_event_date", 422);
    }
    if (!kind) {
        return list(context, form, "err_event_kind", 422);
    }
    if (!site) {
        return list(context, form, "err_event_site", 422);
    }
    input.first = *first;
    input.last = *last;
    input.kind = *kind;
    input.site = core::SiteId{*site};
    for (const std::string& text : context.form.get_all("activite")) {
        const auto id = parse_id(text);
        if (!id) {
            return list(context, form, "err_event_activity", 422);
        }
        input.activities.push_back(core::ActivityId{*id});
    }
    const booking::Actor agent{context.signed_in->account.id, booking::BookingChannel::guichet, std::nullopt,
                               context.origin().ip};
    auto declared = m_events.declare({context.commune_id(), *zone}, agent, input);
    if (!declared) {
        if (declared.error().code == core::ErrorCode::invalid_input) {
            return list(context, form, declared.error().key, 422);
        }
        return storage_failure(context, declared.error());
    }
    return redirect_with_flash(context, context.url("booking.office.events"), "msg_event_declared");
}

Response SchoolEventOffice::undo(RequestContext& context) {
    const auto id = parse_id(context.params.get("event"));
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!id || !zone) {
        return error_page(404, context);
    }
    const booking::Actor agent{context.signed_in->account.id, booking::BookingChannel::guichet, std::nullopt,
                               context.origin().ip};
    auto undone = m_events.undo({context.commune_id(), *zone}, agent, booking::SchoolEventId{*id});
    if (!undone) {
        const core::ErrorCode code = undone.error().code;
        if (code == core::ErrorCode::not_found) {
            return error_page(404, context);
        }
        if (code == core::ErrorCode::conflict) {
            return list(context, nlohmann::json::object(), undone.error().key, 409);
        }
        return storage_failure(context, undone.error());
    }
    return redirect_with_flash(context, context.url("booking.office.events"),
                               undone->not_restored > 0 ? "msg_event_undone_partly" : "msg_event_undone");
}

}  // namespace guichet::web
