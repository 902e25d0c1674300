#include "booking/booking_summary.h"

#include "booking/day_price.h"

namespace guichet::booking {

BookingSummary BookingSummary::of(std::span<const Candidate> candidates, core::Money unit_price) {
    BookingSummary summary;
    summary.lines.reserve(candidates.size());
    for (const Candidate& candidate : candidates) {
        Line line{candidate.day, candidate.explanation, std::nullopt};
        switch (candidate.explanation.decision) {
            case Decision::on_time:
                line.price = unit_price;
                ++summary.on_time_count;
                break;
            case Decision::late:
                line.price = day_price(unit_price, candidate.explanation.judgement.surcharge);
                ++summary.late_count;
                break;
            case Decision::closed:
            case Decision::full:
            case Decision::not_enrolled:
            case Decision::no_service:
                ++summary.refused_count;
                break;
        }
        if (line.price.has_value()) {
            summary.total += *line.price;
        }
        summary.lines.push_back(std::move(line));
    }
    return summary;
}

std::vector<BookingSummary::Line> BookingSummary::refused() const {
    std::vector<Line> refused_lines;
    for (const Line& line : lines) {
        if (!line.price.has_value()) {
            refused_lines.push_back(line);
        }
    }
    return refused_lines;
}

}  // namespace guichet::booking
