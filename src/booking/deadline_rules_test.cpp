#include "booking/deadline_rules.h"

#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "booking/rules_for_tests.h"

namespace guichet::booking {
namespace {

using testing::civil;
using testing::days_before;
using testing::holiday_rules;
using testing::paris;
using testing::school_rules;

// Instants are written as Paris readings ("2026-10-01T23:59:59") or, around the changes of the clocks, in UTC
// ("2026-03-29T21:59:59Z"), whichever reads better.
core::Instant instant(std::string_view text) {
    return text.ends_with('Z') ? testing::utc(text) : testing::paris_time(text);
}

BookedDay school_day(std::string_view day, std::string_view school_year_start) {
    return {ActivityKind::school_time, civil(day), civil(school_year_start)};
}

BookedDay session_day(std::string_view day, std::string_view first_day) {
    return {ActivityKind::holiday_session, civil(day), civil(first_day)};
}

catalog::ActivityRules without_window(catalog::ActivityRules rules) {
    rules.booking.rentree_window.reset();
    return rules;
}

catalog::ActivityRules with_window(catalog::ActivityRules rules) {
    rules.booking.rentree_window = catalog::BookingRule::MonthDay{9, 30};
    return rules;
}

catalog::ActivityRules on_time_days(int days, catalog::ActivityRules rules) {
    rules.booking.on_time = days_before(days);
    return rules;
}

catalog::ActivityRules in_working_days(catalog::ActivityRules rules) {
    rules.booking.on_time = days_before(2, "12:00:00", catalog::DayCounting::working);
    rules.booking.cutoff = days_before(1, "12:00:00", catalog::DayCounting::working);
    return rules;
}

catalog::ActivityRules late_cancellations_free(catalog::ActivityRules rules) {
    rules.cancellation.late_cancellation_billed = false;
    return rules;
}

Judgement judge(const catalog::ActivityRules& rules, const BookedDay& booked, std::string_view at) {
    const auto judgement = DeadlineRules(rules, paris()).judge(booked, instant(at));
    EXPECT_TRUE(judgement.has_value()) << core::describe(judgement.error());
    return judgement.value_or(Judgement{});
}

struct BookingCase {
    std::string_view name;
    catalog::ActivityRules rules;
    BookedDay booked;
    std::string_view at;
    BookingDecision expected;
    std::string_view on_time_until;
    std::string_view cutoff;
};

void check(const BookingCase& c) {
    SCOPED_TRACE(std::string(c.name));
    const Judgement judgement = judge(c.rules, c.booked, c.at);
    EXPECT_EQ(booking_decision_name(judgement.booking), booking_decision_name(c.expected));
    EXPECT_EQ(paris().to_iso_with_offset(judgement.on_time_until), c.on_time_until);
    EXPECT_EQ(paris().to_iso_with_offset(judgement.cutoff), c.cutoff);
}

TEST(DeadlineRulesBooking, SchoolTimeIsOnTimeUntilDMinus14ThenLateUntilTheCutoffThenClosed) {
    const auto rules = school_rules();
    const auto oct15 = school_day("2026-10-15", "2026-09-01");
    constexpr std::string_view kOct1 = "2026-10-01T23:59:59+02:00";
    constexpr std::string_view kOct14 = "2026-10-14T23:59:59+02:00";
    const BookingCase cases[] = {
        {"the guide: booked on 1 October at 23:59:59 for 15 October is on time", rules, oct15, "2026-10-01T23:59:59",
         BookingDecision::on_time, kOct1, kOct14},
        {"the last microsecond of the deadline's second is still on time", rules, oct15, "2026-10-01T21:59:59.999999Z",
         BookingDecision::on_time, kOct1, kOct14},
        {"the guide: booked on 2 October at 00:00:00 for 15 October is late", rules, oct15, "2026-10-02T00:00:00",
         BookingDecision::late, kOct1, kOct14},
        {"booked at D - 1 23:59:59 is still late", rules, oct15, "2026-10-14T23:59:59", BookingDecision::late, kOct1,
         kOct14},
        {"booked at D 00:00:00 is closed", rules, oct15, "2026-10-15T00:00:00", BookingDecision::closed, kOct1, kOct14},
        {"booked after the day is closed", rules, oct15, "2026-10-20T09:00:00", BookingDecision::closed, kOct1, kOct14},
        {"D - 14 across 29 February 2028: on time on 29 February", rules, school_day("2028-03-14", "2027-09-01"),
         "2028-02-29T23:59:59", BookingDecision::on_time, "2028-02-29T23:59:59+01:00", "2028-03-13T23:59:59+01:00"},
        {"D - 14 across 29 February 2028: late on 1 March", rules, school_day("2028-03-14", "2027-09-01"),
         "2028-03-01T00:00:00", BookingDecision::late, "2028-02-29T23:59:59+01:00", "2028-03-13T23:59:59+01:00"},
        {"a deadline on the spring change day is in summer time: last second", rules,
         school_day("2026-04-12", "2025-09-01"), "2026-03-29T21:59:59Z", BookingDecision::on_time,
         "2026-03-29T23:59:59+02:00", "2026-04-11T23:59:59+02:00"},
        {"a deadline on the spring change day is in summer time: next second", rules,
         school_day("2026-04-12", "2025-09-01"), "2026-03-29T22:00:00Z", BookingDecision::late,
         "2026-03-29T23:59:59+02:00", "2026-04-11T23:59:59+02:00"},
        {"a deadline on the autumn change day is in winter time: last second", rules,
         school_day("2026-11-08", "2026-09-01"), "2026-10-25T22:59:59Z", BookingDecision::on_time,
         "2026-10-25T23:59:59+01:00", "2026-11-07T23:59:59+01:00"},
        {"a deadline on the autumn change day is in winter time: next second", rules,
         school_day("2026-11-08", "2026-09-01"), "2026-10-25T23:00:00Z", BookingDecision::late,
         "2026-10-25T23:59:59+01:00", "2026-11-07T23:59:59+01:00"},
        {"2 working days before Monday 4 May 2026 at 12:00:00 is on time", in_working_days(rules),
         school_day("2026-05-04", "2025-09-01"), "2026-04-29T12:00:00", BookingDecision::on_time,
         "2026-04-29T12:00:00+02:00", "2026-04-30T12:00:00+02:00"},
        {"2 working days before Monday 4 May 2026 at 12:00:01 is late", in_working_days(rules),
         school_day("2026-05-04", "2025-09-01"), "2026-04-29T12:00:01", BookingDecision::late,
         "2026-04-29T12:00:00+02:00", "2026-04-30T12:00:00+02:00"},
        {"1 working day before Monday 4 May 2026 at 12:00:01 is closed", in_working_days(rules),
         school_day("2026-05-04", "2025-09-01"), "2026-04-30T12:00:01", BookingDecision::closed,
         "2026-04-29T12:00:00+02:00", "2026-04-30T12:00:00+02:00"},
    };
    for (const auto& c : cases) {
        check(c);
    }
}

TEST(DeadlineRulesBooking, TheRentreeWindowMakesSchoolTimeBookingsOnTimeUntil30September) {
    const auto rules = school_rules();
    const auto oct5 = school_day("2026-10-05", "2026-09-01");
    const auto jan15 = school_day("2027-01-15", "2026-09-01");
    const auto jun25 = school_day("2027-06-25", "2026-09-01");
    constexpr std::string_view kSep30 = "2026-09-30T23:59:59+02:00";
    const BookingCase cases[] = {
        {"booked on 30 September at 23:59:59 for 5 October (D - 14 was 21 September) is on time", rules, oct5,
         "2026-09-30T23:59:59", BookingDecision::on_time, kSep30, "2026-10-04T23:59:59+02:00"},
        {"booked on 1 October at 00:00:00 for 5 October is late", rules, oct5, "2026-10-01T00:00:00",
         BookingDecision::late, kSep30, "2026-10-04T23:59:59+02:00"},
        {"without a window, booked on 30 September for 5 October is late", without_window(rules), oct5,
         "2026-09-30T23:59:59", BookingDecision::late, "2026-09-21T23:59:59+02:00", "2026-10-04T23:59:59+02:00"},
        {"the window covers a day of January 2027 in the same school year", on_time_days(120, rules), jan15,
         "2026-09-30T23:59:59", BookingDecision::on_time, kSep30, "2027-01-14T23:59:59+01:00"},
        {"after the window, that day of January 2027 is late", on_time_days(120, rules), jan15, "2026-10-01T00:00:00",
         BookingDecision::late, kSep30, "2027-01-14T23:59:59+01:00"},
        {"a day of June 2027 belongs to 2026-2027: no window in September 2027", rules, jun25, "2027-06-20T12:00:00",
         BookingDecision::late, "2027-06-11T23:59:59+02:00", "2027-06-24T23:59:59+02:00"},
        {"a window ending after the cut-off ends at the cut-off", rules, school_day("2026-09-10", "2026-09-01"),
         "2026-09-09T23:59:59", BookingDecision::on_time, "2026-09-09T23:59:59+02:00", "2026-09-09T23:59:59+02:00"},
        {"past the cut-off the window no longer helps", rules, school_day("2026-09-10", "2026-09-01"),
         "2026-09-10T00:00:00", BookingDecision::closed, "2026-09-09T23:59:59+02:00", "2026-09-09T23:59:59+02:00"},
    };
    for (const auto& c : cases) {
        check(c);
    }
}

TEST(DeadlineRulesBooking, EveryDayOfAHolidaySessionSharesTheOnTimeDeadlineButHasItsOwnCutoff) {
    const auto rules = holiday_rules();
    constexpr std::string_view kToussaint = "2026-10-19";
    constexpr std::string_view kSep21 = "2026-09-21T23:59:59+02:00";
    const BookingCase cases[] = {
        {"first day of the session, booked at first day - 28", rules, session_day("2026-10-19", kToussaint),
         "2026-09-21T23:59:59", BookingDecision::on_time, kSep21, "2026-10-18T23:59:59+02:00"},
        {"a middle day, same deadline", rules, session_day("2026-10-23", kToussaint), "2026-09-21T23:59:59",
         BookingDecision::on_time, kSep21, "2026-10-22T23:59:59+02:00"},
        {"the day after the autumn change: cut-off in winter time", rules, session_day("2026-10-26", kToussaint),
         "2026-09-21T23:59:59", BookingDecision::on_time, kSep21, "2026-10-25T23:59:59+01:00"},
        {"the last day, same deadline", rules, session_day("2026-10-30", kToussaint), "2026-09-21T23:59:59",
         BookingDecision::on_time, kSep21, "2026-10-29T23:59:59+01:00"},
        {"the last day, one second after the session's deadline, is late", rules, session_day("2026-10-30", kToussaint),
         "2026-09-22T00:00:00", BookingDecision::late, kSep21, "2026-10-29T23:59:59+01:00"},
        {"the last day, at its own D - 1 23:59:59, is still late", rules, session_day("2026-10-30", kToussaint),
         "2026-10-29T23:59:59", BookingDecision::late, kSep21, "2026-10-29T23:59:59+01:00"},
        {"a middle day is closed at that instant: its cut-off has passed", rules, session_day("2026-10-23", kToussaint),
         "2026-10-29T23:59:59", BookingDecision::closed, kSep21, "2026-10-22T23:59:59+02:00"},
        {"the rentrée window never applies to holiday sessions", with_window(rules),
         session_day("2026-10-19", kToussaint), "2026-09-30T12:00:00", BookingDecision::late, kSep21,
         "2026-10-18T23:59:59+02:00"},
        {"a session starting 1 March 2028: on time until 2 February", rules, session_day("2028-03-03", "2028-03-01"),
         "2028-02-02T23:59:59", BookingDecision::on_time, "2028-02-02T23:59:59+01:00", "2028-03-02T23:59:59+01:00"},
        {"a session starting 1 March 2028: late on 3 February", rules, session_day("2028-03-03", "2028-03-01"),
         "2028-02-03T00:00:00", BookingDecision::late, "2028-02-02T23:59:59+01:00", "2028-03-02T23:59:59+01:00"},
    };
    for (const auto& c : cases) {
        check(c);
    }
}

TEST(DeadlineRulesBooking, OnlyALateBookingCarriesTheSurcharge) {
    struct Case {
        std::string_view name;
        catalog::ActivityRules rules;
        std::string_view at;
        std::optional<catalog::Surcharge> expected;
    };
    const Case cases[] = {
        {"on time: no surcharge", school_rules(), "2026-10-01T23:59:59", std::nullopt},
        {"late: the percentage", school_rules(), "2026-10-02T00:00:00", catalog::PercentSurcharge{50}},
        {"late: the flat amount", on_time_days(14, holiday_rules()), "2026-10-02T00:00:00",
         catalog::FlatSurcharge{core::Money::from_cents(100)}},
        {"closed: no surcharge", school_rules(), "2026-10-15T00:00:00", std::nullopt},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        EXPECT_EQ(judge(c.rules, school_day("2026-10-15", "2026-09-01"), c.at).surcharge, c.expected);
    }
}

TEST(DeadlineRulesCancellation, IsFreeUntilItsDeadlineThenBilledUntilTheCutoffThenClosed) {
    struct Case {
        std::string_view name;
        catalog::ActivityRules rules;
        BookedDay booked;
        std::string_view at;
        CancellationDecision expected;
        std::string_view free_until;
    };
    const auto oct15 = school_day("2026-10-15", "2026-09-01");
    const auto oct30 = session_day("2026-10-30", "2026-10-19");
    constexpr std::string_view kOct1 = "2026-10-01T23:59:59+02:00";
    const Case cases[] = {
        {"cancelled at D - 14 23:59:59: free", school_rules(), oct15, "2026-10-01T23:59:59", CancellationDecision::free,
         kOct1},
        {"cancelled the next second: billed", school_rules(), oct15, "2026-10-02T00:00:00",
         CancellationDecision::billed, kOct1},
        {"cancelled at D - 1 23:59:59: still billed", school_rules(), oct15, "2026-10-14T23:59:59",
         CancellationDecision::billed, kOct1},
        {"cancelled at D 00:00:00: closed, the family reports an absence", school_rules(), oct15, "2026-10-15T00:00:00",
         CancellationDecision::closed, kOct1},
        {"late cancellation not billed when the rule says so", late_cancellations_free(school_rules()), oct15,
         "2026-10-02T00:00:00", CancellationDecision::free, "2026-10-14T23:59:59+02:00"},
        {"not billed, but still closed at D 00:00:00", late_cancellations_free(school_rules()), oct15,
         "2026-10-15T00:00:00", CancellationDecision::closed, "2026-10-14T23:59:59+02:00"},
        {"the rentrée window does not make a cancellation free", school_rules(), school_day("2026-10-05", "2026-09-01"),
         "2026-09-30T12:00:00", CancellationDecision::billed, "2026-09-21T23:59:59+02:00"},
        {"a session's cancellation is free until its first day - 28", holiday_rules(), oct30, "2026-09-21T23:59:59",
         CancellationDecision::free, "2026-09-21T23:59:59+02:00"},
        {"a session's cancellation is billed after it", holiday_rules(), oct30, "2026-09-22T00:00:00",
         CancellationDecision::billed, "2026-09-21T23:59:59+02:00"},
        {"a session's day closes for cancellation at its own cut-off", holiday_rules(), oct30, "2026-10-30T00:00:00",
         CancellationDecision::closed, "2026-09-21T23:59:59+02:00"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        const Judgement judgement = judge(c.rules, c.booked, c.at);
        EXPECT_EQ(cancellation_decision_name(judgement.cancellation), cancellation_decision_name(c.expected));
        EXPECT_EQ(paris().to_iso_with_offset(judgement.free_cancellation_until), c.free_until);
    }
}

TEST(DeadlineRulesErrors, RefuseADayBeforeItsPeriodAndAWindowOnADayThatDoesNotExist) {
    struct Case {
        std::string_view name;
        catalog::ActivityRules rules;
        BookedDay booked;
        std::string_view key;
    };
    auto impossible_window = school_rules();
    impossible_window.booking.rentree_window = catalog::BookingRule::MonthDay{9, 31};
    const Case cases[] = {
        {"a session day before the session's first day", holiday_rules(), session_day("2026-10-18", "2026-10-19"),
         "err_booking_day_before_period"},
        {"a school day before the school year", school_rules(), school_day("2026-08-31", "2026-09-01"),
         "err_booking_day_before_period"},
        {"a window ending on 31 September", impossible_window, school_day("2026-10-05", "2026-09-01"),
         "err_booking_rentree_window_day"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        const auto judgement = DeadlineRules(c.rules, paris()).judge(c.booked, instant("2026-09-15T12:00:00"));
        ASSERT_FALSE(judgement.has_value());
        EXPECT_EQ(judgement.error().code, core::ErrorCode::invalid_input);
        EXPECT_EQ(judgement.error().key, c.key);
    }
}

}  // namespace
}  // namespace guichet::booking
