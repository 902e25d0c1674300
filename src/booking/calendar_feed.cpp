#include "booking/calendar_feed.h"

#include <algorithm>

#include "identity/secret_token.h"

namespace guichet::booking {
namespace {

// The last day a feed shows: the end of the school year holding `today`, or of the next one to start, or (no school
// year entered) `today` itself.
core::CivilDate feed_end(const catalog::Catalog& catalog, core::CivilDate today) {
    std::optional<core::CivilDate> end;
    for (const catalog::SchoolYear& year : catalog.school_years) {
        if (year.last_day.date >= today && (!end || year.last_day.date < *end)) {
            end = year.last_day.date;
        }
    }
    return end.value_or(today);
}

}  // namespace

core::Result<std::optional<CalendarFeed>> CalendarFeedService::feed_of(const Scope& scope, core::AccountId account) {
    std::optional<CalendarFeed> feed;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.agenda().feed_of(scope.commune, account));
        feed = std::move(found);
        return {};
    }));
    return feed;
}

core::Result<std::string> CalendarFeedService::issue(const Scope& scope, const Actor& actor, core::Instant now) {
    const std::string token = identity::generate_secret_token();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(revoked, tx.agenda().revoke_feed(scope.commune, actor.account, now));
        GUICHET_TRY_STATUS(tx.agenda().insert_feed({scope.commune, actor.account, identity::token_digest(token), now}));
        return tx.audit().record({scope.commune, actor.account, std::nullopt, "calendar_feed_issued", actor.ip,
                                  revoked ? "replaces the previous feed" : "", now});
    }));
    return token;
}

core::Result<bool> CalendarFeedService::revoke(const Scope& scope, const Actor& actor, core::Instant now) {
    bool revoked = false;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(done, tx.agenda().revoke_feed(scope.commune, actor.account, now));
        revoked = done;
        if (!done) {
            return {};
        }
        return tx.audit().record(
            {scope.commune, actor.account, std::nullopt, "calendar_feed_revoked", actor.ip, "", now});
    }));
    return revoked;
}

core::Result<std::optional<FeedContent>> CalendarFeedService::content(const Scope& scope, std::string_view token,
                                                                      core::Instant now) {
    if (!identity::looks_like_secret_token(token)) {
        return std::optional<FeedContent>();
    }
    std::optional<FeedContent> content;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(feed, tx.agenda().feed_by_digest(scope.commune, identity::token_digest(token)));
        if (!feed) {
            return {};
        }
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        const core::CivilDate today = scope.zone.today(now);
        const core::CivilDate first = today.add_days(-30);
        const core::CivilDate last = feed_end(*entry.catalog, today);
        GUICHET_TRY(households, tx.family().households_of_account(scope.commune, feed->account));
        FeedContent found{feed->account, {}};
        std::vector<long long> seen;  // a child in two of the account's households appears once
        for (const family::HouseholdRecord& record : households) {
            for (const family::Child& child : record.children) {
                if (std::find(seen.begin(), seen.end(), child.id.value()) != seen.end()) {
                    continue;
                }
                seen.push_back(child.id.value());
                GUICHET_TRY(bookings, tx.booking().bookings_of_child(scope.commune, child.id, first, last));
                for (const DayBooking& booking : bookings) {
                    const catalog::Activity* activity = entry.catalog->activity(booking.activity);
                    if (booking.status != BookingStatus::booked || activity == nullptr) {
                        continue;
                    }
                    found.events.push_back(
                        {booking.id, child.id, child.first_name, activity->name, booking.day, booking.booked_at});
                }
            }
        }
        std::stable_sort(found.events.begin(), found.events.end(),
                         [](const FeedEvent& a, const FeedEvent& b) { return a.day < b.day; });
        content = std::move(found);
        return {};
    }));
    return content;
}

}  // namespace guichet::booking
