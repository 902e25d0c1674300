// Waiting-list offers: the mail link's page, the parent's block and answers, the agents' waiting lists.
#include "web/booking/offer_pages.h"

#include <nlohmann/json.hpp>

#include "web/http/url.h"

namespace guichet::web {
namespace {

// "accepter" or "refuser", the value of the form's button; nothing for anything else.
std::optional<booking::OfferAnswer> answer_of(const std::string& text) {
    if (text == "accepter") {
        return booking::OfferAnswer::accept;
    }
    if (text == "refuser") {
        return booking::OfferAnswer::decline;
    }
    return std::nullopt;
}

}  // namespace

void OfferPages::add_routes(Installation& site) {
    // The mail's link is /{commune}/offres?jeton=… as every link with a token (the token stays out of the path,
    // which the access log records); the page posts it back in a hidden field.
    site.routes.add(commune_route(Method::get, "/{commune}/offres", "booking.offer", Policy::anyone(),
                                  [this](RequestContext& c) { return link_page(c); }));
    site.routes.add(commune_route(Method::post, "/{commune}/offres", "booking.offer.answer", Policy::anyone(),
                                  [this](RequestContext& c) { return link_answer(c); }));
    site.routes.add(commune_route(Method::post, "/{commune}/ma-famille/enfants/{child}/offres/{offer}",
                                  "booking.child_offer.answer", Policy::parent(),
                                  [this](RequestContext& c) { return child_answer(c); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/familles/{household}/enfants/{child}/offres/{offer}",
                                  "booking.desk.child_offer.answer", Policy::agent(),
                                  [this](RequestContext& c) { return child_answer(c); }));
    site.routes.add(commune_route(Method::get, "/{commune}/agents/listes-attente", "booking.office.waiting",
                                  Policy::agent(), [this](RequestContext& c) { return office_lists(c, {}, 200); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/listes-attente/proposer", "booking.office.offer",
                                  Policy::agent(), [this](RequestContext& c) { return office_offer(c); }));
    site.navigation.add(MenuEntry{36, "booking.office.waiting", "nav_agents_waiting", Audience::staff});
    site.navigation.add(DashboardPanel{40, "offers", [this](RequestContext& c) { return dashboard_block(c); }});
    site.mails.add({"waiting_offer", "booking", "booking.offer", ""});
    site.timers.add(
        {"booking.offers", std::chrono::seconds(60), [this](core::Instant now) -> core::Result<std::size_t> {
             GUICHET_TRY(communes, m_kit.communes.list());
             std::size_t done = 0;
             for (const tenancy::Commune& commune : communes) {
                 auto zone = core::TimeZone::locate(commune.time_zone);
                 if (!zone) {
                     continue;
                 }
                 GUICHET_TRY(count, m_offers.tick({commune.id, *zone}, now));
                 done += count;
             }
             return done;
         }});
}

Response OfferPages::closed_page(RequestContext& context, int status, std::string_view key) {
    return page(status, context, "booking/offer", "offer_title",
                {{"closed", true}, {"message", m_catalogue.text(context.language, key)}});
}

Response OfferPages::link_page(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const std::string token = query_value(context.request.query, "jeton").value_or("");
    auto found = m_offers.by_token({context.commune_id(), *zone}, token);
    if (!found) {
        return storage_failure(context, found.error());
    }
    if (!*found) {
        return closed_page(context, 404, "err_offer_unknown");
    }
    const booking::OfferView& view = **found;
    if (!view.open) {
        const booking::OfferStatus status = view.offer.status;
        return closed_page(context, 410,
                           status == booking::OfferStatus::accepted   ? "offer_closed_accepted"
                           : status == booking::OfferStatus::declined ? "offer_closed_declined"
                                                                      : "offer_closed_expired");
    }
    context.ensure_csrf();
    return page(200, context, "booking/offer", "offer_title",
                {{"open", true},
                 {"child", view.child_name},
                 {"activity", view.activity_name},
                 {"day", view.offer.day.format_fr()},
                 {"until", context.local_text(view.offer.expires_at)},
                 {"token", token},
                 {"action", context.url("booking.offer.answer")}});
}

Response OfferPages::link_answer(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const std::string token = context.form.get("jeton");
    const auto answer = answer_of(context.form.get("reponse"));
    if (!answer) {
        return closed_page(context, 422, "err_offer_answer");
    }
    auto decided = m_offers.answer_by_token({context.commune_id(), *zone}, token, *answer, context.origin().ip);
    if (!decided) {
        if (decided.error().code == core::ErrorCode::not_found) {
            return closed_page(context, 404, "err_offer_unknown");
        }
        if (decided.error().code == core::ErrorCode::conflict) {
            return closed_page(context, 409, decided.error().key);
        }
        return storage_failure(context, decided.error());
    }
    return page(200, context, "booking/offer", "offer_title",
                {{"done", true},
                 {"message",
                  m_catalogue.text(context.language, *answer == booking::OfferAnswer::accept ? "msg_offer_accepted"
                                                                                             : "msg_offer_declined")},
                 {"login_url", context.url("account.login")}});
}

Response OfferPages::child_answer(RequestContext& context) {
    const auto child = parse_id(context.params.get("child"));
    const auto offer = parse_id(context.params.get("offer"));
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!child || !offer || !zone) {
        return error_page(404, context);
    }
    const auto answer = answer_of(context.form.get("reponse"));
    // At the guichet the agent answers for the household he has open; a child of another household is not found.
    booking::Actor actor{context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt,
                         context.origin().ip};
    UrlParams here = {{"child", std::to_string(*child)}};
    const bool guichet = !context.params.get("household").empty();
    if (guichet) {
        const auto household = parse_id(context.params.get("household"));
        if (!household) {
            return error_page(404, context);
        }
        actor.channel = booking::BookingChannel::guichet;
        actor.household = core::HouseholdId{*household};
        here.emplace_back("household", std::to_string(*household));
    }
    const std::string calendar_route = guichet ? "booking.desk.calendar" : "booking.calendar";
    // Back to the child's calendar, where the answered day shows (booked, or offered to the next family).
    const std::string calendar = context.url(calendar_route, here);
    if (!answer) {
        return redirect_with_flash(context, calendar, "err_offer_answer");
    }
    auto decided = m_offers.answer({context.commune_id(), *zone}, actor, core::ChildId{*child},
                                   core::WaitingOfferId{*offer}, *answer);
    if (!decided) {
        if (decided.error().code == core::ErrorCode::not_found) {
            return error_page(404, context);
        }
        if (decided.error().code == core::ErrorCode::conflict) {
            return redirect_with_flash(context, calendar, decided.error().key);
        }
        return storage_failure(context, decided.error());
    }
    const std::string month = decided->day.to_iso().substr(0, 7);
    return redirect_with_flash(context, context.url(calendar_route, here, {{"mois", month}}),
                               *answer == booking::OfferAnswer::accept ? "msg_offer_accepted" : "msg_offer_declined");
}

core::Result<DashboardBlock> OfferPages::dashboard_block(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return DashboardBlock{};
    }
    GUICHET_TRY(open, m_offers.open_offers_of_parent({context.commune_id(), *zone}, context.signed_in->account.id));
    if (open.empty()) {
        return DashboardBlock{};
    }
    nlohmann::json offers = nlohmann::json::array();
    for (const booking::OfferView& view : open) {
        offers.push_back({{"id", std::to_string(view.offer.id.value())},
                          {"child", view.child_name},
                          {"activity", view.activity_name},
                          {"day", view.offer.day.format_fr()},
                          {"until", context.local_text(view.offer.expires_at)},
                          {"action", context.url("booking.child_offer.answer",
                                                 {{"child", std::to_string(view.offer.child.value())},
                                                  {"offer", std::to_string(view.offer.id.value())}})}});
    }
    context.ensure_csrf();
    return DashboardBlock{m_kit.pages.fragment(context, "booking/offers_block", {{"offers", offers}}), {}};
}

Response OfferPages::office_lists(RequestContext& context, const std::string& error_key, int status) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    auto lists = m_offers.waiting_lists({context.commune_id(), *zone});
    if (!lists) {
        return storage_failure(context, lists.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog) {
        return storage_failure(context, catalog.error());
    }
    nlohmann::json days = nlohmann::json::array();
    for (const booking::WaitingDay& day : *lists) {
        const catalog::Activity* activity = catalog->activity(day.activity);
        const catalog::Site* site = catalog->site(day.site);
        nlohmann::json waiting = nlohmann::json::array();
        int position = 0;
        for (const booking::WaitingDay::Waiting& entry : day.waiting) {
            waiting.push_back({{"position", ++position},
                               {"child", entry.child_name},
                               {"joined_at", context.local_text(entry.entry.joined_at)}});
        }
        nlohmann::json offers = nlohmann::json::array();
        for (const booking::OfferView& view : day.offers) {
            nlohmann::json row = {
                {"child", view.child_name},
                {"status", m_catalogue.text(context.language, "offer_status_" + std::string(booking::offer_status_name(
                                                                                    view.offer.status)))},
                {"offered_at", context.local_text(view.offer.offered_at)},
                {"expires_at", context.local_text(view.offer.expires_at)}};
            if (view.offer.decided_at) {
                row["decided_at"] = context.local_text(*view.offer.decided_at);
            }
            offers.push_back(std::move(row));
        }
        days.push_back({{"activity", activity != nullptr ? activity->name : ""},
                        {"site", site != nullptr ? site->name : ""},
                        {"date", day.day.format_fr()},
                        {"capacity", day.capacity},
                        {"taken", day.taken},
                        {"waiting", waiting},
                        {"has_waiting", !waiting.empty()},
                        {"offers", offers},
                        {"has_offers", !offers.empty()},
                        {"activity_id", std::to_string(day.activity.value())},
                        {"site_id", std::to_string(day.site.value())},
                        {"iso", day.day.to_iso()}});
    }
    nlohmann::json data = {
        {"days", days}, {"has_days", !days.empty()}, {"offer_action", context.url("booking.office.offer")}};
    if (!error_key.empty()) {
        data["error"] = m_catalogue.text(context.language, error_key);
    }
    context.ensure_csrf();
    return page(status, context, "booking/agents_waiting", "agents_waiting_title", std::move(data));
}

Response OfferPages::office_offer(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    const auto activity = parse_id(context.form.get("activite"));
    const auto site = parse_id(context.form.get("site"));
    const auto day = core::CivilDate::parse_iso(context.form.get("jour"));
    if (!zone) {
        return error_page(404, context);
    }
    if (!activity || !site || !day) {
        return office_lists(context, "err_offer_form", 422);
    }
    const booking::Actor agent{context.signed_in->account.id, booking::BookingChannel::guichet, std::nullopt,
                               context.origin().ip};
    auto made = m_offers.offer_by_hand({context.commune_id(), *zone}, agent,
                                       {core::ActivityId{*activity}, core::SiteId{*site}, *day});
    if (!made) {
        if (made.error().code == core::ErrorCode::conflict || made.error().code == core::ErrorCode::not_found ||
            made.error().code == core::ErrorCode::invalid_input) {
            return office_lists(context, made.error().key, 422);
        }
        return storage_failure(context, made.error());
    }
    return redirect_with_flash(context, context.url("booking.office.waiting"), "msg_offer_made");
}

}  // namespace guichet::web
