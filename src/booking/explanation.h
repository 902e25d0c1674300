#pragma once

#include <string_view>

#include "booking/day_circumstances.h"
#include "booking/judgement.h"
#include "booking/reason.h"
#include "core/time_zone.h"

namespace guichet::booking {

// The full decision on booking a day, as `guichet rules explain` and the booking pages show it.
enum class Decision { on_time, late, closed, full, not_enrolled, no_service };

// Returns the stable name of `decision` ("on_time", "late", "closed", "full", "not_enrolled", "no_service"), as JSON
// and the command line show it. The view points to static storage.
[[nodiscard]] std::string_view decision_name(Decision decision) noexcept;

// The decision on one day with its reasons: the rules engine's Judgement combined with what the caller knows of the
// day (DayCircumstances).
struct Explanation {
    Decision decision = Decision::closed;
    // Why the day can or cannot be booked. Keys and variables by decision:
    //  - on_time: "booking_reason_on_time" {deadline, cutoff};
    //  - late: "booking_reason_late" {surcharge, deadline, cutoff};
    //  - closed: "booking_reason_closed" {cutoff};
    //  - full: "booking_reason_full" {cutoff};
    //  - not_enrolled: "booking_reason_not_enrolled" {};
    //  - no_service: the reason the caller gave (DayCircumstances::NoService).
    // Instants are French readings in the commune's time zone ("01/10/2026 à 23:59"), the surcharge is "50 %" (with
    // a NO-BREAK SPACE before the sign) or an amount as core::Money::format_fr writes it ("1,00 €").
    Reason reason;
    // What cancelling a booking of the day at the same instant would do, and why: "booking_cancellation_free"
    // {free_until}, "booking_cancellation_billed" {cutoff} or "booking_cancellation_closed" {cutoff}.
    Reason cancellation_reason;
    // The deadlines behind the decision, for JSON (ExplanationRecord) and the price of the day (BookingSummary).
    Judgement judgement;

    // Returns the explanation of a day judged `judgement`, with `circumstances`, read on the clocks of `zone`.
    // Decisions take precedence in this order: no_service, then not_enrolled, then closed, then full (a day is full
    // only while it could still be booked: once closed it is closed, places or not), then late or on_time as judged.
    [[nodiscard]] static Explanation of(const Judgement& judgement, const DayCircumstances& circumstances,
                                        const core::TimeZone& zone);

    friend bool operator==(const Explanation&, const Explanation&) = default;
};

}  // namespace guichet::booking
