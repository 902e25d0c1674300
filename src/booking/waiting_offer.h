#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "booking/day_booking.h"
#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"

namespace guichet::core {
// The offer of a freed place to a child of a waiting list (declared beside the offers, not in core/ids.h, so that
// the booking module's addition rebuilds only what uses it).
using WaitingOfferId = Id<struct WaitingOfferTag>;
}  // namespace guichet::core

namespace guichet::booking {

// The life of an offer of a freed place:  offered ──accept──▶ accepted (the day is booked)
//                                                 ──decline──▶ declined ─┐
//                                                 ──expiry───▶ expired  ─┴─▶ the place goes to the next child waiting
//                                                 ──withdraw─▶ withdrawn (the child is no longer enrolled, the day
//                                                              closed)
// While it is offered the place is held: it counts as taken on the day.
enum class OfferStatus { offered, accepted, declined, expired, withdrawn };
// How the offer was decided: on the portal (signed in), at the guichet by an agent, through the mail's link, or by
// the timer (expiry).
enum class OfferChannel { portal, guichet, mail, timer };

[[nodiscard]] std::string_view offer_status_name(OfferStatus status);
[[nodiscard]] std::optional<OfferStatus> offer_status_from_name(std::string_view name);
[[nodiscard]] std::string_view offer_channel_name(OfferChannel channel);
[[nodiscard]] std::optional<OfferChannel> offer_channel_from_name(std::string_view name);

// A place of a full day offered to the first child of its waiting list, until `expires_at`: the smaller of the
// commune's offer delay (setting "offer_hours") and the day's booking cut-off. Only the digest of the link's token is
// kept (identity::token_digest), never the token.
struct WaitingOffer {
    core::WaitingOfferId id{0};
    core::CommuneId commune{0};
    core::WaitingEntryId entry{0};
    core::ChildId child{0};
    core::HouseholdId household{0};
    core::ActivityId activity{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    core::Instant offered_at{};
    core::Instant expires_at{};
    OfferStatus status = OfferStatus::offered;
    std::string token_digest;
    std::optional<core::Instant> decided_at;
    std::optional<core::AccountId> decided_by;  // empty through the mail's link and for the timer
    std::optional<OfferChannel> channel;        // how it was decided
    // Read with the offer from its waiting entry: the account that put the child on the list, the history's "who"
    // when nobody signed in acts (the mail's link, the timer).
    core::AccountId joined_by{0};

    friend bool operator==(const WaitingOffer&, const WaitingOffer&) = default;
};

}  // namespace guichet::booking
