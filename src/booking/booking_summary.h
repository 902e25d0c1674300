#pragma once

#include <optional>
#include <span>
#include <vector>

#include "booking/explanation.h"
#include "core/civil_date.h"
#include "core/money.h"

namespace guichet::booking {

// The summary a parent confirms before a batch of days is booked (a weekly pattern, a month): each day with its
// decision and price, the days refused and why, and the totals.
struct BookingSummary {
    // A day of the batch as the caller explained it.
    struct Candidate {
        core::CivilDate day;
        Explanation explanation;
    };

    struct Line {
        core::CivilDate day;
        Explanation explanation;
        // The price of the day (day_price: the unit price, plus the surcharge when late) when it would be booked; empty
        // when it is refused (closed, full, not enrolled, no service), explanation.reason saying why.
        std::optional<core::Money> price;

        friend bool operator==(const Line&, const Line&) = default;
    };

    // One line per candidate, in the order given.
    std::vector<Line> lines;
    int on_time_count = 0;
    int late_count = 0;
    int refused_count = 0;
    // The sum of the prices of the days booked on time or late.
    core::Money total;

    // Returns the summary of `candidates` for an activity whose day costs `unit_price`.
    [[nodiscard]] static BookingSummary of(std::span<const Candidate> candidates, core::Money unit_price);

    // Returns the lines of the refused days, in order.
    [[nodiscard]] std::vector<Line> refused() const;

    friend bool operator==(const BookingSummary&, const BookingSummary&) = default;
};

}  // namespace guichet::booking
