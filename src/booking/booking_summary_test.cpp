#include "booking/booking_summary.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "booking/deadline_rules.h"
#include "booking/rules_for_tests.h"
#include "booking/weekly_pattern.h"

namespace guichet::booking {
namespace {

using testing::civil;
using testing::paris;

core::Money cents(std::int64_t value) {
    return core::Money::from_cents(value);
}

// Explains each day of `days` under `rules` for a booking made at `at`, every day having places except `full_day`.
std::vector<BookingSummary::Candidate> explain_days(const catalog::ActivityRules& rules,
                                                    const std::vector<core::CivilDate>& days, std::string_view at,
                                                    std::optional<core::CivilDate> full_day = std::nullopt) {
    const DeadlineRules engine(rules, paris());
    std::vector<BookingSummary::Candidate> candidates;
    for (const core::CivilDate day : days) {
        const BookedDay booked{ActivityKind::school_time, day, civil("2026-09-01")};
        DayCircumstances circumstances;
        if (day == full_day) {
            circumstances.availability = Availability::full;
        }
        const Judgement judgement = engine.judge(booked, testing::paris_time(at)).value();
        candidates.push_back({day, Explanation::of(judgement, circumstances, paris())});
    }
    return candidates;
}

// Mondays and Thursdays from 5 October until 27 October 2026, booked on 8 October at noon under the school rules:
// 5 and 8 October are past their cut-off, 12 and 19 are late, 15 is late but full, 22 and 26 are on time.
std::vector<BookingSummary::Candidate> october_batch(const catalog::ActivityRules& rules) {
    const WeeklyPattern pattern{{core::Weekday::monday, core::Weekday::thursday}, Recurrence::every_week};
    const std::vector<core::CivilDate> days = pattern.expand(civil("2026-10-05"), civil("2026-10-27"));
    return explain_days(rules, days, "2026-10-08T12:00:00", civil("2026-10-15"));
}

TEST(BookingSummary, TotalsTheBatchWithLateDaysRoundedToTheCent) {
    struct Case {
        std::string_view name;
        catalog::ActivityRules rules;
        std::int64_t unit_cents;
        std::int64_t total_cents;
    };
    auto flat = testing::school_rules();
    flat.booking.late_surcharge = catalog::FlatSurcharge{cents(100)};
    auto fifteen_percent = testing::school_rules();
    fifteen_percent.booking.late_surcharge = catalog::PercentSurcharge{15};
    const Case cases[] = {
        {"50 % of 3,15 EUR is 1,575 EUR: late days cost 4,73 EUR", testing::school_rules(), 315, 2 * 315 + 2 * 473},
        {"50 % of 4,20 EUR: late days cost 6,30 EUR", testing::school_rules(), 420, 2 * 420 + 2 * 630},
        {"15 % of 3,10 EUR is 0,465 EUR: late days cost 3,57 EUR", fifteen_percent, 310, 2 * 310 + 2 * 357},
        {"a flat 1,00 EUR: late days cost 4,15 EUR", flat, 315, 2 * 315 + 2 * 415},
        {"a free activity charges only the flat surcharge", flat, 0, 2 * 100},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        const BookingSummary summary = BookingSummary::of(october_batch(c.rules), cents(c.unit_cents));
        EXPECT_EQ(summary.lines.size(), 7u);
        EXPECT_EQ(summary.on_time_count, 2);
        EXPECT_EQ(summary.late_count, 2);
        EXPECT_EQ(summary.refused_count, 3);
        EXPECT_EQ(summary.total, cents(c.total_cents));
    }
}

TEST(BookingSummary, PricesEveryDayAndSaysWhichAreRefusedAndWhy) {
    struct Case {
        std::string_view day;
        Decision decision;
        std::optional<std::int64_t> price_cents;
        std::string_view reason;
    };
    const Case expected[] = {
        {"2026-10-05", Decision::closed, std::nullopt, "booking_reason_closed"},
        {"2026-10-08", Decision::closed, std::nullopt, "booking_reason_closed"},
        {"2026-10-12", Decision::late, 473, "booking_reason_late"},
        {"2026-10-15", Decision::full, std::nullopt, "booking_reason_full"},
        {"2026-10-19", Decision::late, 473, "booking_reason_late"},
        {"2026-10-22", Decision::on_time, 315, "booking_reason_on_time"},
        {"2026-10-26", Decision::on_time, 315, "booking_reason_on_time"},
    };
    const BookingSummary summary = BookingSummary::of(october_batch(testing::school_rules()), cents(315));
    ASSERT_EQ(summary.lines.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        const auto& line = summary.lines[i];
        const auto& c = expected[i];
        SCOPED_TRACE(std::string(c.day));
        EXPECT_EQ(line.day, civil(c.day));
        EXPECT_EQ(decision_name(line.explanation.decision), decision_name(c.decision));
        EXPECT_EQ(line.price, c.price_cents ? std::optional(cents(*c.price_cents)) : std::nullopt);
        EXPECT_EQ(line.explanation.reason.key, c.reason);
    }
    const auto refused = summary.refused();
    ASSERT_EQ(refused.size(), 3u);
    EXPECT_EQ(refused[0].day, civil("2026-10-05"));
    EXPECT_EQ(refused[1].day, civil("2026-10-08"));
    EXPECT_EQ(refused[2].day, civil("2026-10-15"));
}

TEST(BookingSummary, OfNoDayIsEmptyAndFree) {
    const BookingSummary summary = BookingSummary::of({}, cents(315));
    EXPECT_TRUE(summary.lines.empty());
    EXPECT_EQ(summary.on_time_count + summary.late_count + summary.refused_count, 0);
    EXPECT_EQ(summary.total, cents(0));
}

}  // namespace
}  // namespace guichet::booking
