#include "booking/explanation_record.h"

#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "booking/deadline_rules.h"
#include "booking/rules_for_tests.h"

namespace guichet::booking {
namespace {

using testing::civil;
using testing::paris;
using testing::paris_time;

ExplanationRecord record_of(const catalog::ActivityRules& rules, const BookedDay& booked, std::string_view at,
                            const DayCircumstances& day = {}) {
    const Judgement judgement = DeadlineRules(rules, paris()).judge(booked, paris_time(at)).value();
    return ExplanationRecord::of(Explanation::of(judgement, day, paris()), paris());
}

TEST(ExplanationRecord, WritesDecisionsAsNamesAndInstantsAsIsoReadingsWithTheirOffset) {
    struct Case {
        std::string_view name;
        catalog::ActivityRules rules;
        BookedDay booked;
        std::string_view at;
        DayCircumstances day;
        std::string_view decision;
        std::string_view deadline;
        std::string_view cutoff;
        std::optional<ExplanationRecord::Surcharge> surcharge;
        std::string_view cancellation;
    };
    const BookedDay oct15{ActivityKind::school_time, civil("2026-10-15"), civil("2026-09-01")};
    const BookedDay nov8{ActivityKind::school_time, civil("2026-11-08"), civil("2026-09-01")};
    const BookedDay oct30{ActivityKind::holiday_session, civil("2026-10-30"), civil("2026-10-19")};
    DayCircumstances full;
    full.availability = Availability::full;
    const Case cases[] = {
        {"on time in summer time: no surcharge",
         testing::school_rules(),
         oct15,
         "2026-10-01T23:59:59",
         {},
         "on_time",
         "2026-10-01T23:59:59+02:00",
         "2026-10-14T23:59:59+02:00",
         std::nullopt,
         "free"},
        {"late: the percentage",
         testing::school_rules(),
         oct15,
         "2026-10-02T00:00:00",
         {},
         "late",
         "2026-10-01T23:59:59+02:00",
         "2026-10-14T23:59:59+02:00",
         ExplanationRecord::Surcharge{"percent", 50},
         "billed"},
        {"a deadline on the evening of the autumn change is in winter time",
         testing::school_rules(),
         nov8,
         "2026-10-20T08:00:00",
         {},
         "on_time",
         "2026-10-25T23:59:59+01:00",
         "2026-11-07T23:59:59+01:00",
         std::nullopt,
         "free"},
        {"late in a session: the flat amount in cents",
         testing::holiday_rules(),
         oct30,
         "2026-10-01T08:00:00",
         {},
         "late",
         "2026-09-21T23:59:59+02:00",
         "2026-10-29T23:59:59+01:00",
         ExplanationRecord::Surcharge{"cents", 100},
         "billed"},
        {"full: no surcharge though the booking would be late", testing::school_rules(), oct15, "2026-10-02T00:00:00",
         full, "full", "2026-10-01T23:59:59+02:00", "2026-10-14T23:59:59+02:00", std::nullopt, "billed"},
        {"closed",
         testing::school_rules(),
         oct15,
         "2026-10-15T00:00:00",
         {},
         "closed",
         "2026-10-01T23:59:59+02:00",
         "2026-10-14T23:59:59+02:00",
         std::nullopt,
         "closed"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        const ExplanationRecord record = record_of(c.rules, c.booked, c.at, c.day);
        EXPECT_EQ(record.decision, c.decision);
        EXPECT_EQ(record.deadline, c.deadline);
        EXPECT_EQ(record.cutoff, c.cutoff);
        EXPECT_EQ(record.surcharge, c.surcharge);
        EXPECT_EQ(record.cancellation, c.cancellation);
    }
}

TEST(ExplanationRecord, CarriesTheReasonsOfTheExplanation) {
    const BookedDay oct15{ActivityKind::school_time, civil("2026-10-15"), civil("2026-09-01")};
    const ExplanationRecord record = record_of(testing::school_rules(), oct15, "2026-10-02T08:00:00");
    EXPECT_EQ(record.reason.key, "booking_reason_late");
    EXPECT_EQ(record.reason.variable("surcharge"), "50\u00A0%");
    EXPECT_EQ(record.cancellation_reason.key, "booking_cancellation_billed");
    EXPECT_EQ(record.free_cancellation_until, "2026-10-01T23:59:59+02:00");
}

}  // namespace
}  // namespace guichet::booking
