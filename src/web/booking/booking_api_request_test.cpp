#include "web/booking/booking_api_request.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

const core::CivilDate kToday = *core::CivilDate::parse_iso("2026-12-02");

TEST(BookingApiRequest, ReadsListedDaysAndAWeeklyPattern) {
    const auto days =
        read_batch_request(R"({"activity": 3, "days": ["2026-12-07", "2026-12-08"]})", FingerprintRule::absent, kToday);
    ASSERT_TRUE(days.has_value());
    EXPECT_EQ(days->activity, core::ActivityId{3});
    EXPECT_EQ(days->days,
              (std::vector{*core::CivilDate::parse_iso("2026-12-07"), *core::CivilDate::parse_iso("2026-12-08")}));
    EXPECT_FALSE(days->pattern.has_value());

    const auto pattern = read_batch_request(
        R"({"activity": 3, "pattern": {"weekdays": ["monday", "thursday"], "every_other_week": true,
            "from": "2027-01-04", "until": "next_holidays"}, "fingerprint": "abc"})",
        FingerprintRule::required, kToday);
    ASSERT_TRUE(pattern.has_value());
    ASSERT_TRUE(pattern->pattern.has_value());
    EXPECT_EQ(pattern->pattern->activity, core::ActivityId{3});
    EXPECT_EQ(pattern->pattern->pattern.weekdays, (std::vector{core::Weekday::monday, core::Weekday::thursday}));
    EXPECT_EQ(pattern->pattern->pattern.recurrence, booking::Recurrence::every_other_week);
    EXPECT_EQ(pattern->pattern->from, *core::CivilDate::parse_iso("2027-01-04"));
    EXPECT_EQ(pattern->pattern->end, booking::PatternEnd::next_holidays);
    EXPECT_EQ(pattern->fingerprint, "abc");
}

TEST(BookingApiRequest, APatternLeftOpenRunsEveryWeekFromTodayToTheEndOfTheSchoolYear) {
    const auto read =
        read_batch_request(R"({"activity": 3, "pattern": {"weekdays": ["friday"]}})", FingerprintRule::absent, kToday);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->pattern->pattern.recurrence, booking::Recurrence::every_week);
    EXPECT_EQ(read->pattern->from, kToday);
    EXPECT_EQ(read->pattern->end, booking::PatternEnd::end_of_school_year);
}

TEST(BookingApiRequest, RefusesWrongTypesWith400AndWrongValuesWith422NamingTheMember) {
    struct Case {
        const char* body;
        FingerprintRule fingerprint;
        int status;
        const char* field;
    };
    const Case cases[] = {
        {"", FingerprintRule::absent, 400, ""},
        {"[1, 2]", FingerprintRule::absent, 400, ""},
        {R"({"activity": 3, "days": ["2026-12-07"]} trailing)", FingerprintRule::absent, 400, ""},
        {R"({"activity": "3", "days": ["2026-12-07"]})", FingerprintRule::absent, 400, "activity"},
        {R"({"activity": 0, "days": ["2026-12-07"]})", FingerprintRule::absent, 400, "activity"},
        {R"({"activity": 2.5, "days": ["2026-12-07"]})", FingerprintRule::absent, 400, "activity"},
        {R"({"activity": 3})", FingerprintRule::absent, 400, "days"},
        {R"({"activity": 3, "days": ["2026-12-07"], "pattern": {"weekdays": ["monday"]}})", FingerprintRule::absent,
         400, "days"},
        {R"({"activity": 3, "days": "2026-12-07"})", FingerprintRule::absent, 400, "days"},
        {R"({"activity": 3, "days": [20261207]})", FingerprintRule::absent, 400, "days[0]"},
        {R"({"activity": 3, "days": ["2026-12-07"], "jours": []})", FingerprintRule::absent, 400, "jours"},
        {R"({"activity": 3, "days": ["2026-12-07"], "fingerprint": "x"})", FingerprintRule::absent, 400, "fingerprint"},
        {R"({"activity": 3, "days": ["2026-12-07"]})", FingerprintRule::required, 400, "fingerprint"},
        {R"({"activity": 3, "days": ["2026-12-07"], "fingerprint": 7})", FingerprintRule::required, 400, "fingerprint"},
        {R"({"activity": 3, "pattern": ["monday"]})", FingerprintRule::absent, 400, "pattern"},
        {R"({"activity": 3, "pattern": {"weekdays": "monday"}})", FingerprintRule::absent, 400, "pattern.weekdays"},
        {R"({"activity": 3, "pattern": {"weekdays": ["monday"], "every_other_week": 1}})", FingerprintRule::absent, 400,
         "pattern.every_other_week"},
        {R"({"activity": 3, "pattern": {"weekdays": ["monday"], "until": 3}})", FingerprintRule::absent, 400,
         "pattern.until"},
        {R"({"activity": 3, "pattern": {"weekdays": ["monday"], "to": "2027-01-01"}})", FingerprintRule::absent, 400,
         "pattern.to"},
        {R"({"activity": 3, "days": []})", FingerprintRule::absent, 422, "days"},
        {R"({"activity": 3, "days": ["2026-12-07", "2026-02-30"]})", FingerprintRule::absent, 422, "days[1]"},
        {R"({"activity": 3, "days": ["07/12/2026"]})", FingerprintRule::absent, 422, "days[0]"},
        {R"({"activity": 3, "pattern": {"weekdays": []}})", FingerprintRule::absent, 422, "pattern.weekdays"},
        {R"({"activity": 3, "pattern": {"weekdays": ["lundi"]}})", FingerprintRule::absent, 422, "pattern.weekdays[0]"},
        {R"({"activity": 3, "pattern": {"weekdays": ["monday"], "from": "2027-13-01"}})", FingerprintRule::absent, 422,
         "pattern.from"},
        {R"({"activity": 3, "pattern": {"weekdays": ["monday"], "until": "noel"}})", FingerprintRule::absent, 422,
         "pattern.until"},
    };
    for (const Case& c : cases) {
        const auto read = read_batch_request(c.body, c.fingerprint, kToday);
        ASSERT_FALSE(read.has_value()) << c.body;
        EXPECT_EQ(read.error().status, c.status) << c.body;
        EXPECT_EQ(read.error().field, c.field) << c.body;
        EXPECT_FALSE(read.error().key.empty()) << c.body;
    }
}

}  // namespace
}  // namespace guichet::web
