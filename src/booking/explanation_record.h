#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "booking/explanation.h"
#include "booking/reason.h"
#include "core/time_zone.h"

namespace guichet::booking {

// An Explanation as plain strings and numbers, ready for a JSON writer (core has none; the web layer and the command
// line build the JSON from it), e.g.
//   {"decision": "late", "deadline": "2026-10-01T23:59:59+02:00", "cutoff": "2026-10-14T23:59:59+02:00",
//    "surcharge": {"percent": 50}, "cancellation": "billed", "free_cancellation_until": "…", "reason": {…}}
struct ExplanationRecord {
    // A surcharge as one JSON member: {"percent": 50} or {"cents": 100}.
    struct Surcharge {
        std::string_view unit;  // "percent" or "cents"
        std::int64_t value = 0;
        friend bool operator==(const Surcharge&, const Surcharge&) = default;
    };

    std::string decision;  // decision_name: "on_time", "late", "closed", "full", "not_enrolled", "no_service"
    // The instants as ISO 8601 readings in the commune's time zone with their offset, "2026-10-01T23:59:59+02:00".
    std::string deadline;
    std::string cutoff;
    // Present only when the decision is late: a day booked on time pays no surcharge, and a refused one nothing.
    std::optional<Surcharge> surcharge;
    std::string cancellation;  // cancellation_decision_name: "free", "billed", "closed"
    std::string free_cancellation_until;
    Reason reason;
    Reason cancellation_reason;

    // Returns the record of `explanation`, its instants read on the clocks of `zone`.
    [[nodiscard]] static ExplanationRecord of(const Explanation& explanation, const core::TimeZone& zone);

    friend bool operator==(const ExplanationRecord&, const ExplanationRecord&) = default;
};

}  // namespace guichet::booking
