// "Mon compte": the reminders before a booking deadline and the private calendar feed; the feed itself; the timer
// that sends the reminders.
#include "web/agenda/agenda_pages.h"

#include <nlohmann/json.hpp>

#include "core/time_zone.h"
#include "web/agenda/ics_calendar.h"

namespace guichet::web {
namespace {

constexpr std::string_view kFeedSuffix = ".ics";

bool is_parent(const RequestContext& context) {
    return context.signed_in && context.signed_in->account.role == identity::Role::parent;
}

}  // namespace

void AgendaPages::add_routes(Installation& site) {
    const auto add = [&site](Method method, const char* path, const char* name, Policy policy, Handler handler) {
        site.routes.add(commune_route(method, path, name, std::move(policy), std::move(handler)));
    };
    add(Method::post, "/{commune}/mon-compte/rappels", "agenda.reminders", Policy::parent(),
        [this](RequestContext& c) { return set_reminders(c); });
    add(Method::post, "/{commune}/mon-compte/agenda", "agenda.feed.issue", Policy::parent(),
        [this](RequestContext& c) { return issue_feed(c); });
    add(Method::post, "/{commune}/mon-compte/agenda/revoquer", "agenda.feed.revoke", Policy::parent(),
        [this](RequestContext& c) { return revoke_feed(c); });
    // The token is the secret: calendar applications fetch the feed without a session.
    add(Method::get, "/{commune}/agenda/{feed}", "agenda.feed", Policy::anyone(),
        [this](RequestContext& c) { return feed(c); });

    site.navigation.add(AccountPanel{50, [this](RequestContext& c) { return account_panel(c); }});
    site.mails.add({"booking_reminder", "agenda", "booking.calendar", ""});
    site.timers.add({"booking.reminders", std::chrono::hours(1), [this](core::Instant now) { return tick(now); }});
}

std::optional<booking::Scope> AgendaPages::scope_of(const RequestContext& context) const {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return std::nullopt;
    }
    return booking::Scope{context.commune_id(), *zone};
}

booking::Actor AgendaPages::actor_of(const RequestContext& context) const {
    return {context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt, context.origin().ip};
}

core::Result<std::string> AgendaPages::account_panel(RequestContext& context) {
    const auto scope = scope_of(context);
    if (!is_parent(context) || !scope) {
        return std::string();  // agents book nothing: no reminders, no feed
    }
    GUICHET_TRY(wanted, m_reminders.wanted(*scope, context.signed_in->account.id));
    GUICHET_TRY(feed, m_feeds.feed_of(*scope, context.signed_in->account.id));
    nlohmann::json data = {
        {"reminders_action", context.url("agenda.reminders")},
        {"reminders_wanted", wanted},
        {"issue_action", context.url("agenda.feed.issue")},
        {"revoke_action", context.url("agenda.feed.revoke")},
        {"has_feed", feed.has_value()},
    };
    if (feed) {
        const auto zone = scope->zone;
        data["feed_since"] = zone.to_local(feed->created_at).format_fr();
    }
    return m_kit.pages.fragment(context, "agenda/account_panel", std::move(data));
}

Response AgendaPages::set_reminders(RequestContext& context) {
    const auto scope = scope_of(context);
    if (!scope) {
        return error_page(404, context);
    }
    // A checkbox: present ("oui") when ticked, absent when not; anything else is refused, changing nothing.
    const std::string value = context.form.get("rappels");
    if (!value.empty() && value != "oui") {
        return error_page(400, context, "agenda_err_reminders");
    }
    const bool wanted = value == "oui";
    auto done = m_reminders.set_wanted(*scope, actor_of(context), wanted, m_kit.clock.now());
    if (!done) {
        return storage_failure(context, done.error());
    }
    return redirect_with_flash(context, context.url("profile.account"),
                               wanted ? "agenda_msg_reminders_on" : "agenda_msg_reminders_off");
}

Response AgendaPages::issue_feed(RequestContext& context) {
    const auto scope = scope_of(context);
    if (!scope) {
        return error_page(404, context);
    }
    auto token = m_feeds.issue(*scope, actor_of(context), m_kit.clock.now());
    if (!token) {
        return storage_failure(context, token.error());
    }
    // The URL is shown once, on this page: only its digest is kept.
    const std::string url =
        m_kit.public_url + context.url("agenda.feed", {{"feed", *token + std::string(kFeedSuffix)}});
    return page(200, context, "agenda/feed_issued", "agenda_feed_issued_title",
                {{"feed_url", url}, {"account_url", context.url("profile.account")}});
}

Response AgendaPages::revoke_feed(RequestContext& context) {
    const auto scope = scope_of(context);
    if (!scope) {
        return error_page(404, context);
    }
    auto revoked = m_feeds.revoke(*scope, actor_of(context), m_kit.clock.now());
    if (!revoked) {
        return storage_failure(context, revoked.error());
    }
    return redirect_with_flash(context, context.url("profile.account"),
                               *revoked ? "agenda_msg_feed_revoked" : "agenda_msg_feed_none");
}

Response AgendaPages::feed(RequestContext& context) {
    const auto scope = scope_of(context);
    const std::string name(context.params.get("feed"));
    if (!scope || name.size() <= kFeedSuffix.size() || !name.ends_with(kFeedSuffix)) {
        return error_page(404, context);
    }
    const core::Instant now = m_kit.clock.now();
    auto content = m_feeds.content(*scope, std::string_view(name).substr(0, name.size() - kFeedSuffix.size()), now);
    if (!content) {
        return storage_failure(context, content.error());
    }
    if (!*content) {
        return error_page(404, context);  // unknown or revoked: as if it never existed
    }
    Response response;
    response.status = 200;
    const std::string title =
        m_catalogue.text(context.language, "agenda_feed_calendar_name", {{"commune", context.commune->commune.name}});
    const std::string uid_domain = context.commune_slug() + ".guichet";
    response.body = ics_calendar(**content, {scope->zone.name(), title, uid_domain, now});
    response.headers.set("Content-Type", "text/calendar; charset=utf-8");
    response.headers.set("Cache-Control", "private, no-store");
    response.headers.set("Content-Disposition", "inline; filename=\"agenda.ics\"");
    return response;
}

core::Result<std::size_t> AgendaPages::tick(core::Instant now) {
    GUICHET_TRY(communes, m_kit.communes.list());
    std::size_t sent = 0;
    for (const tenancy::Commune& commune : communes) {
        auto zone = core::TimeZone::locate(commune.time_zone);
        if (!zone) {
            continue;
        }
        auto count = m_reminders.send_due({commune.id, *zone}, now);
        if (!count) {
            // One commune's failure (its database rows, its catalogue) does not hold up the others' reminders.
            m_kit.error_log->error("booking.reminders: commune {}: {}", commune.slug, core::describe(count.error()));
            continue;
        }
        sent += *count;
    }
    return sent;
}

}  // namespace guichet::web
