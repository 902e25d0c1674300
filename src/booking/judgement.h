#pragma once

#include <optional>
#include <string_view>

#include "catalog/rules.h"
#include "core/instant.h"

namespace guichet::booking {

// What the rules allow for a booking made at a given instant: on time (the normal price), late (accepted while a
// place is free, with the surcharge), or closed (the day can no longer be booked).
enum class BookingDecision { on_time, late, closed };

// What the rules allow for a cancellation made at a given instant: free, accepted but billed, or closed (the family
// reports an absence instead).
enum class CancellationDecision { free, billed, closed };

// Return the stable names of the decisions ("on_time", "late", "closed"; "free", "billed", "closed"), as JSON and
// the command line show them. The views point to static storage.
[[nodiscard]] std::string_view booking_decision_name(BookingDecision decision) noexcept;
[[nodiscard]] std::string_view cancellation_decision_name(CancellationDecision decision) noexcept;

// The rules engine's verdict on one day at one instant (see DeadlineRules::judge). Every instant is the last second
// that still counts: a booking made during the second 23:59:59 is on time when `on_time_until` shows 23:59:59.
struct Judgement {
    BookingDecision booking = BookingDecision::closed;
    // The last instant of an on-time booking, the rentrée window included; never after `cutoff`.
    core::Instant on_time_until;
    // The last instant at which the day can be booked late, or cancelled at all.
    core::Instant cutoff;
    // The surcharge (majoration) a late booking pays; empty unless `booking` is late.
    std::optional<catalog::Surcharge> surcharge;

    CancellationDecision cancellation = CancellationDecision::closed;
    // The last instant of a free cancellation; never after `cutoff`, and `cutoff` itself when the rules do not bill
    // late cancellations.
    core::Instant free_cancellation_until;

    friend bool operator==(const Judgement&, const Judgement&) = default;
};

}  // namespace guichet::booking
