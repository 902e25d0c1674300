// Attendance (pointage) on the in-memory world with a fixed clock: what the roll lists, taps stored once by their
// mark id, the last tap winning with every tap in the history, unbooked presences, the sites site staff reach, and
// the kitchen's meal counts.
#include "booking/attendance_service.h"

#include <gtest/gtest.h>

#include "booking/in_memory_booking.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"

namespace guichet::booking {
namespace {

using testing::BookingWorld;
using testing::InMemoryBooking;

const core::CommuneId kCommune{1};
const core::ActivityId kMatin{1};
const core::ActivityId kTram{4};
const core::SiteId kSalengro{1};
const core::SiteId kEluard{2};

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

core::Instant paris(const char* local) {
    const auto zone = core::TimeZone::locate("Europe/Paris").value();
    return zone.to_instant(core::LocalDateTime::parse_iso(local).value()).value();
}

class AttendanceServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_work.change([&](BookingWorld& world) {
            const catalog::Catalog catalog = catalog::testing::zone_c_catalog();
            for (const auto& site : catalog.sites)
                world.catalog.sites[site.id.value()] = site;
            for (auto activity : catalog.activities)
                world.catalog.activities[activity.id.value()] = activity;
            catalog::Activity tram = catalog.activities.front();
            tram.id = kTram;
            tram.code = "tram";
            tram.name = "Temps du repas";
            tram.tariff_category = "tram";
            world.catalog.activities[kTram.value()] = tram;
            for (const auto& year : catalog.school_years)
                world.catalog.school_years[year.id.value()] = year;
            world.catalog.next_id = 100;
            m_agent = add_account(world, identity::Role::agent);
            m_admin = add_account(world, identity::Role::admin);
            m_staff = add_account(world, identity::Role::site_staff);
            world.attendance.staff_sites[{kCommune.value(), m_staff.value()}] = {kEluard};
            m_remi = add_child(world, "Dupont", "Rémi", family::DietaryOption::no_pork, true);
            m_lea = add_child(world, "Martin", "Léa", family::DietaryOption::standard, false);
            m_zoe = add_child(world, "Bernard", "Zoé", family::DietaryOption::no_pork, false);
            for (const auto& child : {m_remi, m_lea, m_zoe}) {
                enrol(world, child, kMatin, kSalengro);
                enrol(world, child, kTram, kSalengro);
            }
            book(world, m_remi, kMatin, kSalengro, "2025-10-16");
            book(world, m_lea, kMatin, kSalengro, "2025-10-16");
            book(world, m_remi, kTram, kSalengro, "2025-10-16");
            book(world, m_zoe, kTram, kSalengro, "2025-10-16");
            book(world, m_lea, kTram, kEluard, "2025-10-17");
            book(world, m_remi, kTram, kSalengro, "2025-10-17");
            book(world, m_lea, kTram, kSalengro, "2025-10-16");
            world.booking.bookings.back().status = BookingStatus::cancelled;
        });
    }

    struct Child {
        core::ChildId child{0};
        core::HouseholdId household{0};
    };

    static core::AccountId add_account(BookingWorld& world, identity::Role role) {
        identity::Account account;
        account.id = core::AccountId{world.identity.next_id++};
        account.commune = kCommune;
        account.role = role;
        account.status = identity::AccountStatus::active;
        account.username = std::string(identity::role_name(role));
        world.identity.accounts[account.id.value()] = account;
        return account.id;
    }

    static Child add_child(BookingWorld& world, const std::string& name, const std::string& first,
                           family::DietaryOption diet, bool pai) {
        family::Household household{core::HouseholdId{world.family.next_id++}, kCommune, "F-" + name, {}, {}};
        world.family.households[household.id.value()] = household;
        family::Child child{core::ChildId{world.family.next_id++}, kCommune, name, first, day("2017-05-01")};
        child.class_level = family::ClassLevel::ce2;
        child.diet = diet;
        child.pai = pai;
        world.family.children.insert_or_assign(child.id.value(), child);
        world.family.household_children.insert({household.id.value(), child.id.value()});
        family::AuthorisedPerson grandmother{
            core::AuthorisedPersonId{world.family.next_id++}, household.id, name, "Mamie", "0601020304", "grand-mère"};
        world.family.authorised[grandmother.id.value()] = grandmother;
        return {child.id, household.id};
    }

    static void enrol(BookingWorld& world, const Child& child, core::ActivityId activity, core::SiteId site) {
        Enrolment e;
        e.id = core::EnrolmentId{world.booking.next_id++};
        e.commune = kCommune;
        e.household = child.household;
        e.child = child.child;
        e.activity = activity;
        e.period = {core::SchoolYearId{1}, std::nullopt};
        e.site = site;
        e.status = EnrolmentStatus::accepted;
        world.booking.enrolments.push_back(e);
    }

    static DayBooking book(BookingWorld& world, const Child& child, core::ActivityId activity, core::SiteId site,
                           const char* iso) {
        DayBooking b;
        b.id = core::BookingId{world.booking.next_id++};
        b.commune = kCommune;
        b.household = child.household;
        b.child = child.child;
        b.activity = activity;
        b.site = site;
        b.day = day(iso);
        world.booking.bookings.push_back(b);
        return b;
    }

    Scope scope() const { return {kCommune, core::TimeZone::locate("Europe/Paris").value()}; }
    RollTaker agent() const { return {m_agent, identity::Role::agent, "192.0.2.1"}; }
    RollTaker staff() const { return {m_staff, identity::Role::site_staff, "192.0.2.2"}; }

    MarkRequest tap(const Child& child, Presence presence, const std::string& id) const {
        return {kSalengro, kMatin, day("2025-10-16"), child.child, presence, id};
    }

    core::FixedClock m_clock{paris("2025-10-16T08:10:00")};
    InMemoryBooking m_work;
    AttendanceService m_service{m_work, m_clock};
    core::AccountId m_agent{0}, m_admin{0}, m_staff{0};
    Child m_remi, m_lea, m_zoe;
};

TEST_F(AttendanceServiceTest, TheRollListsTheBookedChildrenByNameWithWhatTheStaffNeed) {
    auto roll = m_service.roll(scope(), agent(), kSalengro, kMatin, day("2025-10-16"));
    ASSERT_TRUE(roll.has_value()) << core::describe(roll.error());
    ASSERT_EQ(roll->lines.size(), 2u);
    EXPECT_EQ(roll->lines[0].child.first_name, "Rémi");  // Dupont before Martin
    EXPECT_EQ(roll->lines[1].child.first_name, "Léa");
    EXPECT_TRUE(roll->lines[0].child.pai);
    EXPECT_EQ(roll->lines[0].child.diet, family::DietaryOption::no_pork);
    EXPECT_EQ(roll->lines[0].child.class_level, family::ClassLevel::ce2);
    ASSERT_EQ(roll->lines[0].authorised.size(), 1u);
    EXPECT_EQ(roll->lines[0].authorised[0].relationship, "grand-mère");
    EXPECT_FALSE(roll->lines[0].mark.has_value());
    EXPECT_TRUE(roll->candidates.empty());  // nobody searched

    auto searched = m_service.roll(scope(), agent(), kSalengro, kMatin, day("2025-10-16"), "zo");
    ASSERT_TRUE(searched.has_value());
    ASSERT_EQ(searched->candidates.size(), 1u);
    EXPECT_EQ(searched->candidates[0].child.id, m_zoe.child);
}

TEST_F(AttendanceServiceTest, ATapSentTwiceIsStoredOnceAndTheLastTapWins) {
    auto first = m_service.mark(scope(), agent(), tap(m_remi, Presence::present, "tap-0001-aaaa"));
    ASSERT_TRUE(first.has_value()) << core::describe(first.error());
    EXPECT_EQ(*first, MarkOutcome::stored);
    auto again = m_service.mark(scope(), agent(), tap(m_remi, Presence::present, "tap-0001-aaaa"));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, MarkOutcome::already_stored);
    EXPECT_EQ(m_work.state().attendance.taps.size(), 1u);
    EXPECT_EQ(m_work.state().booking.events.size(), 1u);

    auto changed = m_service.mark(scope(), agent(), tap(m_remi, Presence::absent, "tap-0002-bbbb"));
    ASSERT_TRUE(changed.has_value());
    auto roll = m_service.roll(scope(), agent(), kSalengro, kMatin, day("2025-10-16"));
    ASSERT_TRUE(roll.has_value());
    ASSERT_TRUE(roll->lines[0].mark.has_value());
    EXPECT_EQ(roll->lines[0].mark->presence, Presence::absent);
    // Both taps are in the history, with who and for whom.
    const auto& events = m_work.state().booking.events;
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "attendance_present");
    EXPECT_EQ(events[1].kind, "attendance_absent");
    EXPECT_EQ(events[1].child, m_remi.child);
    EXPECT_EQ(events[1].actor, m_agent);
    EXPECT_EQ(events[1].channel, BookingChannel::guichet);
    EXPECT_EQ(events[1].at, m_clock.now());
}

TEST_F(AttendanceServiceTest, AnEnrolledChildWithoutABookingIsAnUnbookedPresence) {
    auto came = m_service.mark(scope(), agent(), tap(m_zoe, Presence::present, "tap-0003-cccc"));
    ASSERT_TRUE(came.has_value()) << core::describe(came.error());
    auto roll = m_service.roll(scope(), agent(), kSalengro, kMatin, day("2025-10-16"));
    ASSERT_TRUE(roll.has_value());
    ASSERT_EQ(roll->lines.size(), 3u);
    EXPECT_EQ(roll->lines[2].child.id, m_zoe.child);  // after the booked children
    EXPECT_EQ(roll->lines[2].basis, MarkBasis::unbooked);
    EXPECT_EQ(m_work.state().booking.events.back().kind, "attendance_unbooked");

    auto absent = m_service.mark(scope(), agent(), tap(m_zoe, Presence::absent, "tap-0004-dddd"));
    ASSERT_FALSE(absent.has_value());
    EXPECT_EQ(absent.error().key, "err_attendance_not_booked");
}

TEST_F(AttendanceServiceTest, WhatATapMayNotDo) {
    struct Case {
        const char* name;
        MarkRequest request;
        core::ErrorCode code;
        const char* key;
    };
    MarkRequest unknown_child = tap(m_remi, Presence::present, "tap-0005-eeee");
    unknown_child.child = core::ChildId{9999};
    MarkRequest future = tap(m_remi, Presence::present, "tap-0006-ffff");
    future.day = day("2025-10-17");
    MarkRequest other_site = tap(m_remi, Presence::present, "tap-0007-gggg");
    other_site.site = core::SiteId{3};  // apps-matin does not run at the centre
    const Case cases[] = {
        {"a malformed mark id", tap(m_remi, Presence::present, "x"), core::ErrorCode::invalid_input,
         "err_attendance_mark_id"},
        {"a mark id with odd characters", tap(m_remi, Presence::present, "tap'0001;--"), core::ErrorCode::invalid_input,
         "err_attendance_mark_id"},
        {"a child neither booked nor enrolled", unknown_child, core::ErrorCode::not_found, "error_not_found"},
        {"a day after today", future, core::ErrorCode::invalid_input, "err_attendance_future"},
        {"an activity that does not run at the site", other_site, core::ErrorCode::not_found, "error_not_found"},
    };
    for (const Case& c : cases) {
        auto result = m_service.mark(scope(), agent(), c.request);
        ASSERT_FALSE(result.has_value()) << c.name;
        EXPECT_EQ(result.error().code, c.code) << c.name;
        EXPECT_EQ(result.error().key, c.key) << c.name;
    }
    EXPECT_TRUE(m_work.state().attendance.taps.empty());
    EXPECT_TRUE(m_work.state().booking.events.empty());
}

TEST_F(AttendanceServiceTest, SiteStaffReachOnlyTheirSites) {
    auto sites = m_service.sites_for(scope(), staff());
    ASSERT_TRUE(sites.has_value());
    ASSERT_EQ(sites->size(), 1u);
    EXPECT_EQ(sites->front().id, kEluard);
    auto all = m_service.sites_for(scope(), agent());
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(all->size(), 3u);

    auto roll = m_service.roll(scope(), staff(), kSalengro, kMatin, day("2025-10-16"));
    ASSERT_FALSE(roll.has_value());
    EXPECT_EQ(roll.error().code, core::ErrorCode::not_found);  // like an unknown site
    auto marked = m_service.mark(scope(), staff(), tap(m_remi, Presence::present, "tap-0008-hhhh"));
    ASSERT_FALSE(marked.has_value());
    EXPECT_EQ(marked.error().code, core::ErrorCode::not_found);
    EXPECT_TRUE(m_work.state().attendance.taps.empty());
    auto own = m_service.roll(scope(), staff(), kEluard, kTram, day("2025-10-17"));
    ASSERT_TRUE(own.has_value());
    EXPECT_EQ(own->lines.size(), 1u);

    auto parent = m_service.sites_for(scope(), {m_agent, identity::Role::parent, ""});
    ASSERT_FALSE(parent.has_value());
    EXPECT_EQ(parent.error().code, core::ErrorCode::forbidden);
}

TEST_F(AttendanceServiceTest, OnlyAnAdminSetsTheSitesOfASiteStaffAccount) {
    ASSERT_TRUE(m_service.set_staff_sites(scope(), m_admin, m_staff, {kSalengro, kEluard, kSalengro}, "ip"));
    auto sites = m_service.staff_sites(scope(), m_staff);
    ASSERT_TRUE(sites.has_value());
    EXPECT_EQ(*sites, (std::vector<core::SiteId>{kSalengro, kEluard}));
    EXPECT_EQ(m_work.state().identity.audit.back().kind, "staff_sites_set");

    auto by_agent = m_service.set_staff_sites(scope(), m_agent, m_staff, {kSalengro}, "ip");
    ASSERT_FALSE(by_agent.has_value());
    EXPECT_EQ(by_agent.error().code, core::ErrorCode::forbidden);
    auto not_staff = m_service.set_staff_sites(scope(), m_admin, m_agent, {kSalengro}, "ip");
    ASSERT_FALSE(not_staff.has_value());
    EXPECT_EQ(not_staff.error().code, core::ErrorCode::not_found);
    auto unknown_site = m_service.set_staff_sites(scope(), m_admin, m_staff, {core::SiteId{77}}, "ip");
    ASSERT_FALSE(unknown_site.has_value());
    EXPECT_EQ(unknown_site.error().code, core::ErrorCode::not_found);
}

TEST_F(AttendanceServiceTest, TheKitchenCountsBookedMealsPerDaySiteAndOption) {
    auto kitchen = m_service.kitchen(scope(), 3);
    ASSERT_TRUE(kitchen.has_value()) << core::describe(kitchen.error());
    // Thursday 16, Friday 17, Monday 20 October.
    ASSERT_EQ(kitchen->days.size(), 3u);
    EXPECT_EQ(kitchen->days[2], day("2025-10-20"));
    // 16: Rémi and Zoé at Salengro without pork (Léa's meal was cancelled); 17: Rémi at Salengro, Léa at Éluard.
    const std::vector<MealCount> expected = {
        {day("2025-10-16"), kSalengro, family::DietaryOption::no_pork, 2},
        {day("2025-10-17"), kSalengro, family::DietaryOption::no_pork, 1},
        {day("2025-10-17"), kEluard, family::DietaryOption::standard, 1},
    };
    ASSERT_EQ(kitchen->counts.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(kitchen->counts[i].day, expected[i].day) << i;
        EXPECT_EQ(kitchen->counts[i].site, expected[i].site) << i;
        EXPECT_EQ(kitchen->counts[i].diet, expected[i].diet) << i;
        EXPECT_EQ(kitchen->counts[i].meals, expected[i].meals) << i;
    }
}

TEST_F(AttendanceServiceTest, TheKitchenLeavesOutAMealTheFamilyReportedAbsent) {
    m_work.change([&](BookingWorld& world) {
        Absence absence;
        absence.id = AbsenceId{900};
        absence.commune = kCommune;
        absence.household = m_zoe.household;
        absence.child = m_zoe.child;
        absence.activity = kTram;
        absence.day = day("2025-10-16");
        absence.reason = AbsenceReason::illness;
        world.booking.absences.push_back(absence);
    });
    auto kitchen = m_service.kitchen(scope(), 3);
    ASSERT_TRUE(kitchen.has_value()) << core::describe(kitchen.error());
    ASSERT_FALSE(kitchen->counts.empty());
    // 16 October at Salengro without pork: Rémi alone, Zoé is ill.
    EXPECT_EQ(kitchen->counts[0].day, day("2025-10-16"));
    EXPECT_EQ(kitchen->counts[0].diet, family::DietaryOption::no_pork);
    EXPECT_EQ(kitchen->counts[0].meals, 1);
}

}  // namespace
}  // namespace guichet::booking
