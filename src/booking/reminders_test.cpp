#include "booking/reminders.h"

#include <gtest/gtest.h>

#include "catalog/test_catalog.h"

namespace guichet::booking {
namespace {

core::CivilDate day(const char* iso) {
    return *core::CivilDate::parse_iso(iso);
}

core::Instant at(const char* iso) {
    return *core::instant_from_iso_utc(iso);
}

const ReminderChild kRemi{core::ChildId{7}, core::HouseholdId{5}, "Rémi"};

// Rémi's enrolment: for the Toussaint 2025 session (week 1, from Monday 20 October, on time until Monday 22
// September 23:59:59 in Paris, 21:59:59Z) or in apps-matin for 2025-2026 at école Roger Salengro.
Enrolment enrolment(bool session, EnrolmentStatus status = EnrolmentStatus::accepted) {
    Enrolment e;
    e.id = core::EnrolmentId{session ? 1 : 2};
    e.commune = core::CommuneId{1};
    e.household = kRemi.household;
    e.child = kRemi.id;
    e.activity = core::ActivityId{session ? 3 : 1};
    if (session) {
        e.period.session = core::HolidaySessionId{1};
        e.site = core::SiteId{3};
    } else {
        e.period.school_year = core::SchoolYearId{1};
        e.site = core::SiteId{1};
    }
    e.status = status;
    return e;
}

DayBooking booked(long long activity, const char* on, BookingStatus status = BookingStatus::booked) {
    DayBooking b;
    b.commune = core::CommuneId{1};
    b.child = kRemi.id;
    b.activity = core::ActivityId{activity};
    b.day = day(on);
    b.status = status;
    return b;
}

struct Case {
    const char* behaviour;
    const char* now;
    bool session;  // the Toussaint session, or apps-matin's next month
    EnrolmentStatus status = EnrolmentStatus::accepted;
    std::vector<DayBooking> bookings = {};
    int first_days = 3;
    int second_days = 1;
    // Expected: nothing due (empty key), or this reminder.
    const char* key = "";
    ReminderStep step = ReminderStep::first;
    int days_left = 0;
    const char* deadline = "";
};

TEST(ReminderPlannerTest, RemindsOfNearDeadlinesWithNothingBookedOnceTheirTimeComes) {
    const std::vector<Case> cases = {
        {"a session 2 days and 10 hours before its deadline gets the 3-day reminder",
         "2025-09-20T12:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {},
         3,
         1,
         "session-1",
         ReminderStep::first,
         3,
         "2025-09-22T21:59:59Z"},
        {"a session 14 hours before its deadline gets the 1-day reminder",
         "2025-09-22T08:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {},
         3,
         1,
         "session-1",
         ReminderStep::second,
         1,
         "2025-09-22T21:59:59Z"},
        {"4 days before is too early", "2025-09-18T12:00:00Z", true},
        {"after the deadline nothing is sent", "2025-09-23T08:00:00Z", true},
        {"a day of the session booked: nothing",
         "2025-09-20T12:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {booked(3, "2025-10-22")}},
        {"a day booked then cancelled still leaves the session to book",
         "2025-09-20T12:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {booked(3, "2025-10-22", BookingStatus::cancelled)},
         3,
         1,
         "session-1",
         ReminderStep::first,
         3,
         "2025-09-22T21:59:59Z"},
        {"a day of another activity does not count",
         "2025-09-20T12:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {booked(1, "2025-10-16")},
         3,
         1,
         "session-1",
         ReminderStep::first,
         3,
         "2025-09-22T21:59:59Z"},
        {"an enrolment waiting for an agent: nothing", "2025-09-20T12:00:00Z", true, EnrolmentStatus::pending},
        {"a withdrawn enrolment: nothing", "2025-09-20T12:00:00Z", true, EnrolmentStatus::withdrawn},
        {"the first reminder off (0)", "2025-09-20T12:00:00Z", true, EnrolmentStatus::accepted, {}, 0, 1},
        {"the second reminder off (0): the first one still applies on the last day",
         "2025-09-22T08:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {},
         3,
         0,
         "session-1",
         ReminderStep::first,
         1,
         "2025-09-22T21:59:59Z"},
        {"both off", "2025-09-22T08:00:00Z", true, EnrolmentStatus::accepted, {}, 0, 0},
        {"a 7-day setting reminds earlier",
         "2025-09-17T12:00:00Z",
         true,
         EnrolmentStatus::accepted,
         {},
         7,
         1,
         "session-1",
         ReminderStep::first,
         6,
         "2025-09-22T21:59:59Z"},
        // November 2025: apps-matin first runs on Monday 3 November (the Toussaint holidays end); on time until
        // Monday 20 October 23:59:59 in Paris.
        {"next month's school days 2 days and 10 hours before the first day's deadline",
         "2025-10-18T12:00:00Z",
         false,
         EnrolmentStatus::accepted,
         {},
         3,
         1,
         "month-1-2025-11",
         ReminderStep::first,
         3,
         "2025-10-20T21:59:59Z"},
        {"next month's school days on the last day",
         "2025-10-20T12:00:00Z",
         false,
         EnrolmentStatus::accepted,
         {},
         3,
         1,
         "month-1-2025-11",
         ReminderStep::second,
         1,
         "2025-10-20T21:59:59Z"},
        {"a day of next month booked: nothing",
         "2025-10-18T12:00:00Z",
         false,
         EnrolmentStatus::accepted,
         {booked(1, "2025-11-20")}},
        {"a day of this month booked does not count for the next",
         "2025-10-18T12:00:00Z",
         false,
         EnrolmentStatus::accepted,
         {booked(1, "2025-10-16")},
         3,
         1,
         "month-1-2025-11",
         ReminderStep::first,
         3,
         "2025-10-20T21:59:59Z"},
        {"not enrolled in the activity: nothing", "2025-10-18T12:00:00Z", false, EnrolmentStatus::refused},
        {"the rentrée window keeps October on time until 30 September: no reminder on 20 September",
         "2025-09-20T12:00:00Z", false},
    };
    catalog::Catalog catalog = catalog::testing::zone_c_catalog();
    const auto zone = *core::TimeZone::locate("Europe/Paris");
    for (const Case& c : cases) {
        SCOPED_TRACE(c.behaviour);
        const ReminderPlanner planner(catalog, zone, {c.first_days, c.second_days});
        const auto due = planner.due(kRemi, {enrolment(c.session, c.status)}, c.bookings, at(c.now));
        ASSERT_TRUE(due.has_value());
        if (std::string(c.key).empty()) {
            EXPECT_TRUE(due->empty());
            continue;
        }
        ASSERT_EQ(due->size(), 1u);
        const DueReminder& reminder = due->front();
        EXPECT_EQ(reminder.deadline_key, c.key);
        EXPECT_EQ(reminder.step, c.step);
        EXPECT_EQ(reminder.days_left, c.days_left);
        EXPECT_EQ(core::to_iso_utc(reminder.deadline), c.deadline);
        EXPECT_EQ(reminder.child.first_name, "Rémi");
        if (c.session) {
            EXPECT_EQ(reminder.session_name, "Vacances de la Toussaint 2025 — semaine 1");
            EXPECT_FALSE(reminder.month.has_value());
        } else {
            EXPECT_EQ(reminder.month, day("2025-11-01"));
            EXPECT_FALSE(reminder.session.has_value());
        }
    }
}

TEST(ReminderPlannerTest, TheTimingComesFromTheCommuneSettings) {
    catalog::Settings settings;
    EXPECT_EQ(ReminderTiming::of(settings).first_days, 3);
    EXPECT_EQ(ReminderTiming::of(settings).second_days, 1);
    ASSERT_TRUE(settings.set("reminder_first_days", 5).has_value());
    ASSERT_TRUE(settings.set("reminder_second_days", 0).has_value());
    EXPECT_EQ(ReminderTiming::of(settings).first_days, 5);
    EXPECT_EQ(ReminderTiming::of(settings).second_days, 0);
}

TEST(ReminderPlannerTest, OnlyTheLatestStepThatAppliesIsDue) {
    using std::chrono::hours;
    const ReminderTiming timing{3, 1};
    EXPECT_EQ(step_due(timing, hours(73)), std::nullopt);
    EXPECT_EQ(step_due(timing, hours(72)), ReminderStep::first);
    EXPECT_EQ(step_due(timing, hours(25)), ReminderStep::first);
    EXPECT_EQ(step_due(timing, hours(24)), ReminderStep::second);
    EXPECT_EQ(step_due(timing, hours(1)), ReminderStep::second);
    EXPECT_EQ(step_due(timing, hours(0)), std::nullopt);
    EXPECT_EQ(step_due(timing, hours(-1)), std::nullopt);
}

}  // namespace
}  // namespace guichet::booking
