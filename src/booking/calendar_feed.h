#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/booking_service.h"
#include "booking/transaction.h"
#include "catalog/catalog_cache.h"

namespace guichet::booking {

// One booked day of one activity for one of the parent's children, as a calendar shows it.
struct FeedEvent {
    core::BookingId booking{0};  // stable: the event's UID
    core::ChildId child{0};
    std::string child_name;     // "Rémi"
    std::string activity_name;  // "Restauration scolaire"
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    core::Instant booked_at{};
};

// What a calendar feed holds: the booked days of the children of every household the account represents, from 30
// days ago to the end of the school year (the one under way, or the next in the summer), by day.
struct FeedContent {
    core::AccountId account{0};
    std::vector<FeedEvent> events;
};

// A parent's private calendar feed ([G6] item 8): a random token in a URL that calendar applications fetch without
// signing in. Only the token's digest is stored; revoking it makes the URL unknown (not found), issuing a new one
// revokes the old. Issuing and revoking write the account's audit rows ("calendar_feed_issued",
// "calendar_feed_revoked").
class CalendarFeedService {
  public:
    explicit CalendarFeedService(UnitOfWork& work) : m_work(work) {}

    // The account's active feed, or std::nullopt.
    [[nodiscard]] core::Result<std::optional<CalendarFeed>> feed_of(const Scope& scope, core::AccountId account);
    // Issues a new feed for the account (revoking the one it had) and returns its token, which is shown once.
    [[nodiscard]] core::Result<std::string> issue(const Scope& scope, const Actor& actor, core::Instant now);
    // Revokes the account's feed; false when it had none.
    [[nodiscard]] core::Result<bool> revoke(const Scope& scope, const Actor& actor, core::Instant now);

    // The events of the feed whose token this is at `now`, or std::nullopt for a token that is unknown, revoked or
    // not well formed.
    [[nodiscard]] core::Result<std::optional<FeedContent>> content(const Scope& scope, std::string_view token,
                                                                   core::Instant now);

  private:
    UnitOfWork& m_work;
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
