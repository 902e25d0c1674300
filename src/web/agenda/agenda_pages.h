#pragma once

#include <optional>
#include <string>

#include "booking/calendar_feed.h"
#include "booking/reminder_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The parent's reminders and calendar feed on the web: a section of "Mon compte" (the reminders checkbox, the feed's
// URL with the buttons that create, re-issue and revoke it), the feed itself (/{commune}/agenda/{token}.ics, for
// anyone holding the URL: the token is the secret), and the hourly timer that sends the reminders of every commune.
class AgendaPages final : public FeaturePages {
  public:
    AgendaPages(const Kit& kit, booking::ReminderService& reminders, booking::CalendarFeedService& feeds)
        : FeaturePages(kit), m_reminders(reminders), m_feeds(feeds) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] core::Result<std::string> account_panel(RequestContext& context);
    [[nodiscard]] Response set_reminders(RequestContext& context);
    [[nodiscard]] Response issue_feed(RequestContext& context);
    [[nodiscard]] Response revoke_feed(RequestContext& context);
    [[nodiscard]] Response feed(RequestContext& context);
    // Sends the reminders due at `now` in every commune; returns how many left.
    [[nodiscard]] core::Result<std::size_t> tick(core::Instant now);

    // The commune of the request with its time zone, and the signed-in parent as the actor.
    [[nodiscard]] std::optional<booking::Scope> scope_of(const RequestContext& context) const;
    [[nodiscard]] booking::Actor actor_of(const RequestContext& context) const;

    booking::ReminderService& m_reminders;
    booking::CalendarFeedService& m_feeds;
};

}  // namespace guichet::web
