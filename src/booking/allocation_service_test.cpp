// Pre-registration on the in-memory world with a fixed clock: requests during the window only, never taking a
// place; the allocation at closing, once, booking the placed children and listing the others in their order, one
// mail per household; the replay from what the run recorded; other households' children.
#include "booking/allocation_service.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "booking/in_memory_booking.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"

namespace guichet::booking {
namespace {

using catalog::Criterion;
using testing::BookingWorld;
using testing::InMemoryBooking;

const core::CommuneId kCommune{1};
const core::SiteId kCentre{3};
constexpr const char* kSession = "toussaint-2025-s1";

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

core::Instant paris(const char* local) {
    const auto zone = core::TimeZone::locate("Europe/Paris").value();
    return zone.to_instant(core::LocalDateTime::parse_iso(local).value()).value();
}

class AllocationServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_work.change([&](BookingWorld& world) {
            catalog::Catalog catalog = catalog::testing::zone_c_catalog();
            for (const auto& site : catalog.sites)
                world.catalog.sites[site.id.value()] = site;
            for (const auto& activity : catalog.activities)
                world.catalog.activities[activity.id.value()] = activity;
            for (const auto& year : catalog.school_years)
                world.catalog.school_years[year.id.value()] = year;
            for (auto session : catalog.sessions) {
                // Two places a day, requests from 01/10/2025 20:00 to 08/10/2025 20:00.
                session.sites = {{kCentre, 2}};
                session.allocation.mode = catalog::AllocationMode::pre_registration;
                session.allocation.opens_at = core::LocalDateTime::parse_iso("2025-10-01T20:00").value();
                session.allocation.closes_at = core::LocalDateTime::parse_iso("2025-10-08T20:00").value();
                session.allocation.priorities = {{Criterion::resident, 100}, {Criterion::siblings_together, 10}};
                session.allocation.resident_postcodes = {"78570"};
                world.catalog.sessions[session.id.value()] = session;
            }
            world.catalog.next_id = 100;
            m_resident = add_family(world, "Dupont", {"Rémi"}, "78570");
            m_outsider = add_family(world, "Martin", {"Léa"}, "78300");
            m_siblings = add_family(world, "Bernard", {"Hugo", "Inès"}, "78300");
        });
    }

    struct Family {
        core::AccountId parent{0};
        core::HouseholdId household{0};
        std::vector<core::ChildId> children;
    };

    static Family add_family(BookingWorld& world, const std::string& name, const std::vector<std::string>& children,
                             const std::string& postcode) {
        Family made;
        identity::Account account;
        account.id = core::AccountId{world.identity.next_id++};
        account.commune = kCommune;
        account.role = identity::Role::parent;
        account.status = identity::AccountStatus::active;
        account.username = name;
        account.email = name + "@example.fr";
        world.identity.accounts[account.id.value()] = account;
        made.parent = account.id;
        family::Household household{core::HouseholdId{world.family.next_id++}, kCommune, "F-" + name, {}, {}};
        household.address.postal_code = postcode;
        world.family.households[household.id.value()] = household;
        made.household = household.id;
        family::Representative person;
        person.id = core::RepresentativeId{world.family.next_id++};
        person.household = household.id;
        person.commune = kCommune;
        person.last_name = name;
        person.first_name = "Parent";
        person.account = account.id;
        person.email = name + "@example.fr";
        world.family.representatives[person.id.value()] = person;
        for (const auto& first_name : children) {
            family::Child child{core::ChildId{world.family.next_id++}, kCommune, name, first_name, day("2017-05-01")};
            world.family.children.insert_or_assign(child.id.value(), child);
            world.family.household_children.insert({household.id.value(), child.id.value()});
            made.children.push_back(child.id);
        }
        return made;
    }

    static Actor parent(const Family& family) {
        return {family.parent, BookingChannel::portal, std::nullopt, "192.0.2.1"};
    }
    static Scope scope() { return {kCommune, core::TimeZone::locate("Europe/Paris").value()}; }

    void request_all() {
        for (const Family* family : {&m_resident, &m_outsider, &m_siblings})
            for (const auto child : family->children)
                ASSERT_TRUE(m_service.request(scope(), parent(*family), child, kSession, kCentre, false).has_value());
    }

    core::FixedClock m_clock{paris("2025-10-02T12:00:00")};
    InMemoryBooking m_work;
    AllocationService m_service{m_work, m_clock, [] { return std::uint64_t{0x1234}; }};
    Family m_resident, m_outsider, m_siblings;
};

TEST_F(AllocationServiceTest, ARequestIsARowThatTakesNoPlaceAndOnlyDuringTheWindow) {
    auto made = m_service.request(scope(), parent(m_resident), m_resident.children[0], kSession, kCentre, true);
    ASSERT_TRUE(made.has_value()) << core::describe(made.error());
    const auto world = m_work.state();
    ASSERT_EQ(world.allocation.requests.size(), 1u);
    EXPECT_TRUE(world.allocation.requests[0].both_parents_working);
    EXPECT_TRUE(world.booking.places.empty());
    EXPECT_TRUE(world.booking.bookings.empty());
    ASSERT_EQ(world.booking.events.size(), 1u);
    EXPECT_EQ(world.booking.events[0].kind, "allocation_requested");
    EXPECT_EQ(
        m_service.request(scope(), parent(m_resident), m_resident.children[0], kSession, kCentre, false).error().key,
        "err_allocation_already");
    EXPECT_EQ(m_service.request(scope(), parent(m_outsider), m_outsider.children[0], kSession, core::SiteId{1}, false)
                  .error()
                  .key,
              "err_allocation_site");

    struct Case {
        const char* at;
        const char* error;
    };
    for (const Case c : {Case{"2025-10-01T19:59:59", "err_allocation_not_open"},
                         Case{"2025-10-08T20:00:00", "err_allocation_closed"}}) {
        m_clock.set(paris(c.at));
        const auto refused =
            m_service.request(scope(), parent(m_outsider), m_outsider.children[0], kSession, kCentre, false);
        ASSERT_FALSE(refused.has_value()) << c.at;
        EXPECT_EQ(refused.error().key, c.error) << c.at;
        EXPECT_EQ(m_service.withdraw(scope(), parent(m_resident), m_resident.children[0], kSession).error().key,
                  "err_allocation_closed");
    }
    EXPECT_EQ(m_work.state().allocation.requests.size(), 1u);
}

TEST_F(AllocationServiceTest, AParentWithdrawsUntilClosingAndMayRequestAgain) {
    const auto child = m_outsider.children[0];
    ASSERT_TRUE(m_service.request(scope(), parent(m_outsider), child, kSession, kCentre, false).has_value());
    ASSERT_TRUE(m_service.withdraw(scope(), parent(m_outsider), child, kSession).has_value());
    EXPECT_EQ(m_work.state().allocation.requests[0].status, RequestStatus::withdrawn);
    EXPECT_EQ(m_service.withdraw(scope(), parent(m_outsider), child, kSession).error().key,
              "err_allocation_no_request");
    ASSERT_TRUE(m_service.request(scope(), parent(m_outsider), child, kSession, kCentre, true).has_value());
    const auto world = m_work.state();
    ASSERT_EQ(world.allocation.requests.size(), 1u);
    EXPECT_EQ(world.allocation.requests[0].status, RequestStatus::requested);
    EXPECT_EQ(world.booking.events.size(), 3u);
}

TEST_F(AllocationServiceTest, AnotherHouseholdsChildIsNotFound) {
    const auto child = m_outsider.children[0];
    EXPECT_EQ(m_service.request(scope(), parent(m_resident), child, kSession, kCentre, false).error().key,
              "err_booking_child_unknown");
    EXPECT_EQ(m_service.child_view(scope(), parent(m_resident), child, kSession).error().key,
              "err_booking_child_unknown");
    EXPECT_EQ(
        m_service.request(scope(), parent(m_resident), m_resident.children[0], "nope", kCentre, false).error().key,
        "err_allocation_session_unknown");
    EXPECT_TRUE(m_work.state().allocation.requests.empty());
}

TEST_F(AllocationServiceTest, AtClosingThePlacesAreSharedOutOnceAndEveryFamilyIsTold) {
    request_all();
    // Before closing nothing is due.
    ASSERT_EQ(m_service.allocate_due(scope(), paris("2025-10-08T19:59:00")).value(), 0u);
    const auto done = m_service.allocate_due(scope(), paris("2025-10-08T20:01:00"));
    ASSERT_TRUE(done.has_value()) << core::describe(done.error());
    EXPECT_EQ(*done, 1u);
    EXPECT_EQ(m_service.allocate_due(scope(), paris("2025-10-08T20:02:00")).value(), 0u);

    const auto world = m_work.state();
    ASSERT_EQ(world.allocation.runs.size(), 1u);
    EXPECT_EQ(world.allocation.runs[0].seed, 0x1234u);
    // Two places: the resident first; the siblings (10) come before the outsider (0) but need two places where
    // one is left, so they go together to the waiting list and the outsider gets the place.
    std::map<long long, RequestStatus> status;
    for (const auto& request : world.allocation.requests)
        status[request.child.value()] = request.status;
    EXPECT_EQ(status[m_resident.children[0].value()], RequestStatus::placed);
    EXPECT_EQ(status[m_outsider.children[0].value()], RequestStatus::placed);
    EXPECT_EQ(status[m_siblings.children[0].value()], RequestStatus::waiting);
    EXPECT_EQ(status[m_siblings.children[1].value()], RequestStatus::waiting);
    // The criteria at closing are recorded with the requests.
    for (const auto& request : world.allocation.requests)
        EXPECT_EQ(request.criteria, request.household == m_resident.household ? std::vector{Criterion::resident}
                                                                              : std::vector<Criterion>{});
    // Every day of the session (Monday 20 to Friday 24 October) booked on time for the two placed, places taken.
    EXPECT_EQ(world.booking.bookings.size(), 10u);
    for (const auto& booking : world.booking.bookings)
        EXPECT_EQ(booking.timing, BookingTiming::on_time);
    EXPECT_EQ(world.booking.places.at({kCommune.value(), 3, kCentre.value(), day("2025-10-22")}), 2);
    EXPECT_EQ(world.booking.enrolments.size(), 2u);
    // The unlucky on every day's list, in their lottery order.
    ASSERT_EQ(world.booking.waiting.size(), 10u);
    const auto& first = world.booking.waiting[0];
    const auto& second = world.booking.waiting[5];
    EXPECT_LT(first.joined_at, second.joined_at);
    EXPECT_NE(first.child, second.child);
    // One mail per household, each with its result.
    ASSERT_EQ(world.identity.mails.size(), 3u);
    std::map<std::string, std::string> decisions;
    for (const auto& mail : world.identity.mails) {
        EXPECT_EQ(mail.template_name, "allocation_results");
        decisions[mail.to] = mail.variables.at("decision");
    }
    EXPECT_EQ(decisions["Dupont@example.fr"], "placed");
    EXPECT_EQ(decisions["Martin@example.fr"], "placed");
    EXPECT_EQ(decisions["Bernard@example.fr"], "waiting");
    // Audited: one history row per child decided on, after the four requests.
    const auto placed_rows = std::count_if(world.booking.events.begin(), world.booking.events.end(),
                                           [](const auto& e) { return e.kind == "allocation_placed"; });
    const auto waiting_rows = std::count_if(world.booking.events.begin(), world.booking.events.end(),
                                            [](const auto& e) { return e.kind == "allocation_waiting"; });
    EXPECT_EQ(placed_rows, 2);
    EXPECT_EQ(waiting_rows, 2);
}

TEST_F(AllocationServiceTest, TheReplayGivesTheRecordedResultEvenAfterAHouseholdMoved) {
    request_all();
    ASSERT_EQ(m_service.allocate_due(scope(), paris("2025-10-08T20:01:00")).value(), 1u);
    m_work.change([&](BookingWorld& world) {
        world.family.households[m_resident.household.value()].address.postal_code = "75001";
    });
    const auto replay = m_service.replay(scope(), kSession);
    ASSERT_TRUE(replay.has_value()) << core::describe(replay.error());
    EXPECT_TRUE(replay->same);
    EXPECT_EQ(result_text(replay->result), replay->run.results);
    EXPECT_EQ(replay->result.size(), 4u);

    const auto view = m_service.child_view(scope(), parent(m_siblings), m_siblings.children[1], kSession);
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->state, WindowState::allocated);
    ASSERT_TRUE(view->outcome.has_value());
    EXPECT_FALSE(view->outcome->placed);
    ASSERT_TRUE(view->waiting_position.has_value());
    EXPECT_EQ(view->seed, 0x1234u);

    const auto table = m_service.session_view(scope(), kSession);
    ASSERT_TRUE(table.has_value());
    ASSERT_EQ(table->lines.size(), 4u);
    EXPECT_EQ(table->lines[0].outcome->rank, 1);
    EXPECT_EQ(table->lines[0].request.child, m_resident.children[0]);
}

TEST_F(AllocationServiceTest, AChildLeftOnThePreviousSessionsWaitingListGetsItsWeight) {
    m_work.change([&](BookingWorld& world) {
        catalog::HolidaySession summer = world.catalog.sessions.at(1);
        summer.id = core::HolidaySessionId{2};
        summer.code = "ete-2025-s1";
        summer.first_day = day("2025-07-07");
        summer.last_day = day("2025-07-11");
        summer.allocation = {};
        world.catalog.sessions[2] = summer;
        world.catalog.sessions.at(1).allocation.priorities.push_back({Criterion::previous_waiting_list, 150});
        ++world.catalog.changes;
        WaitingEntry entry;
        entry.id = core::WaitingEntryId{world.booking.next_id++};
        entry.commune = kCommune;
        entry.household = m_outsider.household;
        entry.child = m_outsider.children[0];
        entry.activity = core::ActivityId{3};
        entry.site = kCentre;
        entry.day = day("2025-07-08");
        entry.joined_by = m_outsider.parent;
        world.booking.waiting.push_back(entry);
    });
    request_all();
    ASSERT_EQ(m_service.allocate_due(scope(), paris("2025-10-08T20:01:00")).value(), 1u);
    const auto world = m_work.state();
    for (const auto& request : world.allocation.requests) {
        if (request.child == m_outsider.children[0]) {
            EXPECT_EQ(request.criteria, std::vector{Criterion::previous_waiting_list});
        }
    }
    const auto result = result_from_text(world.allocation.runs.at(0).results);
    ASSERT_EQ(result.size(), 4u);
    EXPECT_EQ(result[0].score, 150);
    EXPECT_EQ(result[1].score, 100);
}

TEST_F(AllocationServiceTest, ASessionInPreRegistrationIsNotEnrolledInDirectly) {
    BookingService booking(m_work, m_clock);
    std::vector<core::Error> errors;
    const auto made = booking.enrol(
        scope(), parent(m_resident),
        {m_resident.children[0], core::ActivityId{3}, {std::nullopt, core::HolidaySessionId{1}}, kCentre}, errors);
    ASSERT_TRUE(made.has_value());
    EXPECT_FALSE(made->has_value());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].key, "err_enrolment_pre_registration");
    EXPECT_TRUE(m_work.state().booking.enrolments.empty());
}

TEST_F(AllocationServiceTest, AReplayBeforeTheRunSaysItHasNotRun) {
    EXPECT_EQ(m_service.replay(scope(), kSession).error().key, "err_allocation_not_run");
}

}  // namespace
}  // namespace guichet::booking
