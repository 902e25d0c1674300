// School events on the in-memory world with a fixed clock: a strike cancels, free of charge, exactly the booked days
// of the chosen activities at its site on its days, frees their places, tells each household once and refuses new
// bookings of those days; undoing it restores what it cancelled, where the place is still free.
#include "booking/school_event_service.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "booking/world_for_tests.h"

namespace guichet::booking {
namespace {

using namespace testing;

class SchoolEventServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_work.change([&](BookingWorld& world) {
            load_catalogue(world);
            m_dupont = add_test_family(world, kTestCommune, "Dupont", "Rémi");
            m_martin = add_test_family(world, kTestCommune, "Martin", "Léa");
            const TestFamily bernard = add_test_family(world, kTestCommune, "Bernard", "Hugo");
            m_cancelled = {add_booked_day(world, m_dupont, kMorning, kSchool, "2025-10-16"),
                           add_booked_day(world, m_dupont, kMorning, kSchool, "2025-10-17"),
                           add_booked_day(world, m_martin, kMorning, kSchool, "2025-10-16")};
            m_spared = {add_booked_day(world, m_dupont, kEvening, kSchool, "2025-10-16"),      // another activity
                        add_booked_day(world, bernard, kMorning, kOtherSchool, "2025-10-16"),  // another site
                        add_booked_day(world, m_martin, kMorning, kSchool, "2025-11-03")};     // another day
        });
    }

    SchoolEventInput strike() const {
        return {kSchool, iso_day("2025-10-16"), iso_day("2025-10-17"), SchoolEventKind::strike, {kMorning}};
    }

    const DayBooking& booking(const BookingWorld& world, core::BookingId id) const {
        return *std::find_if(world.booking.bookings.begin(), world.booking.bookings.end(),
                             [&](const DayBooking& b) { return b.id == id; });
    }

    int places(const BookingWorld& world, core::ActivityId activity, core::SiteId site, const char* day) const {
        const auto found =
            world.booking.places.find({kTestCommune.value(), activity.value(), site.value(), iso_day(day)});
        return found == world.booking.places.end() ? 0 : found->second;
    }

    core::FixedClock m_clock{paris_time("2025-10-15T18:00:00")};
    InMemoryBooking m_work;
    SchoolEventService m_service{m_work, m_clock};
    BookingService m_booking{m_work, m_clock};
    TestFamily m_dupont;
    TestFamily m_martin;
    std::vector<core::BookingId> m_cancelled;
    std::vector<core::BookingId> m_spared;
};

TEST_F(SchoolEventServiceTest,
       AStrikeCancelsOnlyTheChosenActivityAtItsSiteOnItsDaysFreeOfChargeAndMailsEachFamilyOnce) {
    auto declared = m_service.declare(test_scope(), agent_actor(), strike());
    ASSERT_TRUE(declared.has_value()) << core::describe(declared.error());
    EXPECT_EQ(declared->days, 3);
    EXPECT_EQ(declared->households, 2);
    const BookingWorld world = m_work.state();
    for (core::BookingId id : m_cancelled) {
        const DayBooking& b = booking(world, id);
        EXPECT_EQ(b.status, BookingStatus::cancelled);
        EXPECT_EQ(b.cancellation, CancellationBilling::free);
        EXPECT_EQ(b.cancelled_by, agent_actor().account);
        EXPECT_EQ(b.billed_amount(), core::Money::from_cents(0));
    }
    for (core::BookingId id : m_spared) {
        EXPECT_EQ(booking(world, id).status, BookingStatus::booked);
    }
    EXPECT_EQ(places(world, kMorning, kSchool, "2025-10-16"), 0);
    EXPECT_EQ(places(world, kMorning, kSchool, "2025-10-17"), 0);
    EXPECT_EQ(places(world, kEvening, kSchool, "2025-10-16"), 1);
    EXPECT_EQ(places(world, kMorning, kOtherSchool, "2025-10-16"), 1);
    EXPECT_EQ(world.booking.event_cancellations.size(), 3u);
    const auto history = std::count_if(world.booking.events.begin(), world.booking.events.end(), [&](const auto& e) {
        return e.kind == "day_cancelled_event" && e.actor == agent_actor().account &&
               e.channel == BookingChannel::guichet;
    });
    EXPECT_EQ(history, 3);
    ASSERT_EQ(world.identity.mails.size(), 2u);  // one per household, each listing its days
    for (const notify::MailRequest& mail : world.identity.mails) {
        EXPECT_EQ(mail.template_name, "school_event_declared");
        EXPECT_EQ(mail.variables.at("decision"), "strike");
        if (mail.to == "Dupont@example.fr") {
            EXPECT_NE(mail.variables.at("activity").find("16/10/2025"), std::string::npos);
            EXPECT_NE(mail.variables.at("activity").find("17/10/2025"), std::string::npos);
        }
    }
}

TEST_F(SchoolEventServiceTest, WhileTheEventStandsTheDayIsRefusedWithItsReason) {
    ASSERT_TRUE(m_service.declare(test_scope(), agent_actor(), strike()).has_value());
    auto plan =
        m_booking.plan(test_scope(), parent_actor(m_dupont), m_dupont.child, {kMorning, {iso_day("2025-10-16")}});
    ASSERT_TRUE(plan.has_value()) << core::describe(plan.error());
    ASSERT_EQ(plan->summary.lines.size(), 1u);
    EXPECT_EQ(plan->summary.lines.front().explanation.decision, Decision::no_service);
    EXPECT_EQ(plan->summary.lines.front().explanation.reason.key, "booking_no_service_event_strike");
    // The evening, which the strike spares, is not refused for it.
    auto evening =
        m_booking.plan(test_scope(), parent_actor(m_martin), m_martin.child, {kEvening, {iso_day("2025-10-16")}});
    ASSERT_TRUE(evening.has_value());
    ASSERT_EQ(evening->summary.lines.size(), 1u);
    EXPECT_NE(evening->summary.lines.front().explanation.reason.key, "booking_no_service_event_strike");
}

TEST_F(SchoolEventServiceTest, UndoingRestoresExactlyWhatItCancelledAndTellsTheFamilies) {
    auto declared = m_service.declare(test_scope(), agent_actor(), strike());
    ASSERT_TRUE(declared.has_value());
    const SchoolEventId id = declared->event.id;
    // Another commune's agent does not find it.
    auto foreign = m_service.undo(test_scope(kOtherTestCommune), agent_actor(), id);
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::not_found);

    auto undone = m_service.undo(test_scope(), agent_actor(), id);
    ASSERT_TRUE(undone.has_value()) << core::describe(undone.error());
    EXPECT_EQ(undone->days, 3);
    EXPECT_EQ(undone->not_restored, 0);
    const BookingWorld world = m_work.state();
    for (core::BookingId cancelled : m_cancelled) {
        const DayBooking& b = booking(world, cancelled);
        EXPECT_EQ(b.status, BookingStatus::booked);
        EXPECT_FALSE(b.cancellation.has_value());
        EXPECT_EQ(b.unit_price, core::Money::from_cents(250));  // as it was booked
    }
    EXPECT_EQ(places(world, kMorning, kSchool, "2025-10-16"), 2);
    EXPECT_EQ(places(world, kMorning, kSchool, "2025-10-17"), 1);
    EXPECT_EQ(world.booking.school_events.front().status, SchoolEventStatus::undone);
    EXPECT_EQ(world.booking.school_events.front().undone_by, agent_actor().account);
    EXPECT_EQ(std::count_if(world.identity.mails.begin(), world.identity.mails.end(),
                            [](const auto& m) { return m.template_name == "school_event_undone"; }),
              2);
    // The day may be booked again.
    auto plan =
        m_booking.plan(test_scope(), parent_actor(m_dupont), m_dupont.child, {kMorning, {iso_day("2025-10-20")}});
    ASSERT_TRUE(plan.has_value());
    ASSERT_EQ(plan->summary.lines.size(), 1u);
    EXPECT_NE(plan->summary.lines.front().explanation.reason.key, "booking_no_service_event_strike");
    // Undone once.
    auto again = m_service.undo(test_scope(), agent_actor(), id);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().key, "err_event_undone");
}

TEST_F(SchoolEventServiceTest, ADayWhosePlaceWasTakenMeanwhileStaysCancelled) {
    auto declared = m_service.declare(test_scope(), agent_actor(), strike());
    ASSERT_TRUE(declared.has_value());
    m_work.change([&](BookingWorld& world) {
        world.booking.places[{kTestCommune.value(), kMorning.value(), kSchool.value(), iso_day("2025-10-17")}] = 60;
    });
    auto undone = m_service.undo(test_scope(), agent_actor(), declared->event.id);
    ASSERT_TRUE(undone.has_value());
    EXPECT_EQ(undone->days, 2);
    EXPECT_EQ(undone->not_restored, 1);
    const BookingWorld world = m_work.state();
    EXPECT_EQ(booking(world, m_cancelled[1]).status, BookingStatus::cancelled);
    EXPECT_EQ(places(world, kMorning, kSchool, "2025-10-17"), 60);
    EXPECT_EQ(std::count_if(world.booking.events.begin(), world.booking.events.end(),
                            [](const auto& e) { return e.kind == "day_not_restored_event"; }),
              1);
}

TEST_F(SchoolEventServiceTest, WrongDeclarationsWriteNothing) {
    struct Case {
        const char* name;
        SchoolEventInput input;
        const char* key;
    };
    SchoolEventInput past = strike();
    past.first = iso_day("2025-10-14");
    SchoolEventInput reversed = strike();
    reversed.last = iso_day("2025-10-15");
    SchoolEventInput unknown_site = strike();
    unknown_site.site = core::SiteId{77};
    SchoolEventInput not_there = strike();
    not_there.activities = {core::ActivityId{2}};  // the Wednesdays run at the leisure centre only
    SchoolEventInput none = strike();
    none.activities.clear();
    const Case cases[] = {{"a day past", past, "err_event_past"},
                          {"a reversed range", reversed, "err_event_range"},
                          {"an unknown site", unknown_site, "err_event_site"},
                          {"an activity not at the site", not_there, "err_event_activity"},
                          {"no activity", none, "err_event_activity"}};
    const int commits = m_work.commits();
    for (const Case& c : cases) {
        auto refused = m_service.declare(test_scope(), agent_actor(), c.input);
        ASSERT_FALSE(refused.has_value()) << c.name;
        EXPECT_EQ(refused.error().key, c.key) << c.name;
    }
    EXPECT_EQ(m_work.commits(), commits);
    EXPECT_TRUE(m_work.state().booking.school_events.empty());
}

}  // namespace
}  // namespace guichet::booking
