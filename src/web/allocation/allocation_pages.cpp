// Pre-registration for holiday sessions: the parent's request page, the section of the child's profile, the agents'
// list of sessions and results table, and the timer that allocates a session at its closing.
#include "web/allocation/allocation_pages.h"

#include <fmt/format.h>

#include "core/time_zone.h"
#include "web/http/url.h"

namespace guichet::web {
namespace {

std::string state_name(booking::WindowState state) {
    switch (state) {
        case booking::WindowState::not_open:
            return "not_open";
        case booking::WindowState::open:
            return "open";
        case booking::WindowState::closed:
            return "closed";
        case booking::WindowState::allocated:
            return "allocated";
    }
    return "closed";
}

std::string seed_text(std::uint64_t seed) {
    return fmt::format("{:016x}", seed);
}

}  // namespace

void AllocationPages::add_routes(Installation& site) {
    const std::string child = "/{commune}/ma-famille/enfants/{child}/preinscriptions/{session}";
    site.routes.add(commune_route(Method::get, child, "allocation.child", Policy::parent(),
                                  [this](RequestContext& c) { return child_page(c); }));
    site.routes.add(commune_route(Method::post, child, "allocation.request", Policy::parent(),
                                  [this](RequestContext& c) { return child_post(c); }));
    site.routes.add(commune_route(Method::get, "/{commune}/agents/preinscriptions/{session}", "allocation.office",
                                  Policy::agent(), [this](RequestContext& c) { return office_page(c); }));
    site.navigation.add(ChildPanel{25, [this](RequestContext& c, core::ChildId id) { return child_panel(c, id); }});
    site.mails.add({"allocation_results", "allocation", "", ""});
    site.timers.add({"booking.allocation", std::chrono::seconds(60), [this](core::Instant now) { return tick(now); }});
}

std::optional<booking::Scope> AllocationPages::scope_of(const RequestContext& context) const {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone)
        return std::nullopt;
    return booking::Scope{context.commune_id(), *zone};
}

nlohmann::json AllocationPages::rules_of(RequestContext& context, const catalog::SessionAllocation& rules) const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& priority : rules.priorities) {
        list.push_back(m_catalogue.text(context.language,
                                        "allocation_rule_" + std::string(catalog::criterion_name(priority.criterion)),
                                        {{"weight", std::to_string(priority.weight)}}));
    }
    return list;
}

Response AllocationPages::child_page(RequestContext& context) {
    const auto scope = scope_of(context);
    const auto child = parse_id(context.params.get("child"));
    if (!scope || !child)
        return error_page(404, context);
    const std::string code(context.params.get("session"));
    const booking::Actor actor{context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt,
                               context.origin().ip};
    auto view = m_allocation.child_view(*scope, actor, core::ChildId{*child}, code);
    if (!view) {
        return view.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, view.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog)
        return storage_failure(context, catalog.error());
    const catalog::HolidaySession& session = view->session;
    const auto& rules = session.allocation;
    nlohmann::json sites = nlohmann::json::array();
    for (const auto& place : session.sites) {
        const catalog::Site* site = catalog->site(place.site);
        const bool chosen = view->request ? view->request->site == place.site : sites.empty();
        sites.push_back({{"value", std::to_string(place.site.value())},
                         {"label", site != nullptr ? site->name : ""},
                         {"selected", chosen}});
    }
    const bool requested = view->request && view->request->status == booking::RequestStatus::requested;
    const UrlParams here = {{"child", std::to_string(*child)}, {"session", code}};
    nlohmann::json data = {{"session", session.name},
                           {"child", view->child_name},
                           {"first_day", session.first_day.format_fr()},
                           {"last_day", session.last_day.format_fr()},
                           {"opens_at", rules.opens_at ? rules.opens_at->format_fr() : ""},
                           {"closes_at", rules.closes_at ? rules.closes_at->format_fr() : ""},
                           {"state_" + state_name(view->state), true},
                           {"rules", rules_of(context, rules)},
                           {"has_rules", !rules.priorities.empty()},
                           {"sites", sites},
                           {"several_sites", sites.size() > 1},
                           {"requested", requested},
                           {"can_request", view->state == booking::WindowState::open && !requested},
                           {"can_withdraw", view->state == booking::WindowState::open && requested},
                           {"working_checked", view->request && view->request->both_parents_working},
                           {"action", context.url("allocation.request", here)},
                           {"child_url", context.url("family.child", {{"child", std::to_string(*child)}})}};
    if (view->request)
        data["requested_at"] = context.local_text(view->request->requested_at);
    if (view->outcome) {
        data["has_outcome"] = true;
        data["placed"] = view->outcome->placed;
        data["rank"] = view->outcome->rank;
        data["draw"] = view->outcome->draw;
        data["score"] = view->outcome->score;
        if (view->waiting_position)
            data["waiting_position"] = *view->waiting_position;
    }
    if (view->seed)
        data["seed"] = seed_text(*view->seed);
    context.ensure_csrf();
    return page(200, context, "allocation/child", "allocation_child_title", std::move(data));
}

Response AllocationPages::child_post(RequestContext& context) {
    const auto scope = scope_of(context);
    const auto child = parse_id(context.params.get("child"));
    if (!scope || !child)
        return error_page(404, context);
    const std::string code(context.params.get("session"));
    const booking::Actor actor{context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt,
                               context.origin().ip};
    const UrlParams here = {{"child", std::to_string(*child)}, {"session", code}};
    const std::string back = context.url("allocation.child", here);
    const std::string choice = context.form.get("choix");
    core::Status done;
    std::string_view success;
    if (choice == "demander") {
        const auto site = parse_id(context.form.get("site"));
        if (!site)
            return redirect_with_flash(context, back, "err_allocation_site");
        auto made = m_allocation.request(*scope, actor, core::ChildId{*child}, code, core::SiteId{*site},
                                         context.form.get("parents_travaillent") == "oui");
        done = made ? core::Status{} : core::Status{tl::unexpected(made.error())};
        success = "msg_allocation_requested";
    } else if (choice == "retirer") {
        done = m_allocation.withdraw(*scope, actor, core::ChildId{*child}, code);
        success = "msg_allocation_withdrawn";
    } else {
        return redirect_with_flash(context, back, "err_allocation_choice");
    }
    if (!done) {
        const core::Error& error = done.error();
        if (error.key == "err_booking_child_unknown" || error.key == "err_allocation_session_unknown")
            return error_page(404, context);
        if (error.code == core::ErrorCode::internal || error.code == core::ErrorCode::unavailable)
            return storage_failure(context, error);
        return redirect_with_flash(context, back, error.key);
    }
    return redirect_with_flash(context, back, success);
}

Response AllocationPages::office_page(RequestContext& context) {
    const auto scope = scope_of(context);
    if (!scope)
        return error_page(404, context);
    auto view = m_allocation.session_view(*scope, context.params.get("session"));
    if (!view) {
        return view.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, view.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog)
        return storage_failure(context, catalog.error());
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : view->lines) {
        const catalog::Site* site = catalog->site(line.request.site);
        nlohmann::json row = {
            {"child", line.child_name},
            {"household", line.household_reference},
            {"site", site != nullptr ? site->name : ""},
            {"requested_at", context.local_text(line.request.requested_at)},
            {"status",
             m_catalogue.text(context.language,
                              "allocation_status_" + std::string(booking::request_status_name(line.request.status)))},
            {"criteria", ""}};
        std::string criteria;
        for (const auto criterion : line.request.criteria) {
            criteria += (criteria.empty() ? "" : ", ") +
                        m_catalogue.text(context.language,
                                         "allocation_criterion_" + std::string(catalog::criterion_name(criterion)));
        }
        row["criteria"] = criteria;
        if (line.outcome) {
            row["rank"] = line.outcome->rank;
            row["draw"] = line.outcome->draw;
            row["score"] = line.outcome->score;
        }
        lines.push_back(std::move(row));
    }
    const auto& rules = view->session.allocation;
    nlohmann::json data = {{"session", view->session.name},
                           {"code", view->session.code},
                           {"opens_at", rules.opens_at ? rules.opens_at->format_fr() : ""},
                           {"closes_at", rules.closes_at ? rules.closes_at->format_fr() : ""},
                           {"state_" + state_name(view->state), true},
                           {"rules", rules_of(context, rules)},
                           {"has_rules", !rules.priorities.empty()},
                           {"lines", lines},
                           {"has_lines", !lines.empty()}};
    if (view->run) {
        data["seed"] = seed_text(view->run->seed);
        data["ran_at"] = context.local_text(view->run->at);
    }
    return page(200, context, "allocation/office", "allocation_office_title", std::move(data));
}

core::Result<std::string> AllocationPages::child_panel(RequestContext& context, core::ChildId child) {
    GUICHET_TRY(catalog, m_catalog.catalog(context.commune_id()));
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& session : catalog.sessions) {
        if (!session.allocation.pre_registration() || session.last_day < context.today())
            continue;
        sessions.push_back(
            {{"name", session.name},
             {"closes_at", session.allocation.closes_at ? session.allocation.closes_at->format_fr() : ""},
             {"url",
              context.url("allocation.child", {{"child", std::to_string(child.value())}, {"session", session.code}})}});
    }
    if (sessions.empty())
        return std::string();
    return m_kit.pages.fragment(context, "allocation/child_panel", {{"sessions", std::move(sessions)}});
}

core::Result<std::size_t> AllocationPages::tick(core::Instant now) {
    GUICHET_TRY(communes, m_kit.communes.list());
    std::size_t done = 0;
    for (const auto& commune : communes) {
        auto zone = core::TimeZone::locate(commune.time_zone);
        if (!zone)
            continue;
        GUICHET_TRY(count, m_allocation.allocate_due({commune.id, *zone}, now));
        done += count;
    }
    return done;
}

}  // namespace guichet::web
