// The reminders and the calendar feed on the in-memory world, with the zone C catalogue: a household with two
// parents (each his own account) and Rémi enrolled for the Toussaint 2025 session (on time until Monday 22 September
// 2025 at 23:59:59 in Paris), and another household whose child a feed never shows.
#include "booking/reminder_service.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "booking/calendar_feed.h"
#include "booking/in_memory_booking.h"
#include "catalog/test_catalog.h"

namespace guichet::booking {
namespace {

using testing::BookingWorld;
using testing::InMemoryBooking;

const core::CommuneId kCommune{1};

core::Instant at(const char* iso) {
    return *core::instant_from_iso_utc(iso);
}

class ReminderServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_work.change([&](BookingWorld& world) {
            const catalog::Catalog catalog = catalog::testing::zone_c_catalog();
            for (const auto& site : catalog.sites)
                world.catalog.sites[site.id.value()] = site;
            for (const auto& activity : catalog.activities)
                world.catalog.activities[activity.id.value()] = activity;
            for (const auto& year : catalog.school_years)
                world.catalog.school_years[year.id.value()] = year;
            for (const auto& session : catalog.sessions)
                world.catalog.sessions[session.id.value()] = session;
            world.catalog.next_id = 100;
            world.family.next_id = 10;
            m_household = add_household(world, "F1");
            m_mother = add_parent(world, m_household, "marie");
            m_father = add_parent(world, m_household, "paul");
            m_remi = add_child(world, m_household, "Rémi");
            m_other_household = add_household(world, "F2");
            m_stranger = add_parent(world, m_other_household, "lea");
            m_other_child = add_child(world, m_other_household, "Léon");
            for (core::ChildId child : {m_remi, m_other_child}) {
                Enrolment e;
                e.id = core::EnrolmentId{world.booking.next_id++};
                e.commune = kCommune;
                e.household = child == m_remi ? m_household : m_other_household;
                e.child = child;
                e.activity = core::ActivityId{3};
                e.period.session = core::HolidaySessionId{1};
                e.site = core::SiteId{3};
                e.status = EnrolmentStatus::accepted;
                world.booking.enrolments.push_back(e);
            }
        });
    }

    static core::HouseholdId add_household(BookingWorld& world, const std::string& reference) {
        family::Household household{core::HouseholdId{world.family.next_id++}, kCommune, reference, {}, {}};
        world.family.households[household.id.value()] = household;
        return household.id;
    }

    static core::AccountId add_parent(BookingWorld& world, core::HouseholdId household, const std::string& name) {
        identity::Account account;
        account.id = core::AccountId{world.identity.next_id++};
        account.commune = kCommune;
        account.role = identity::Role::parent;
        account.status = identity::AccountStatus::active;
        account.username = name;
        account.email = name + "@example.fr";
        world.identity.accounts[account.id.value()] = account;
        family::Representative person;
        person.id = core::RepresentativeId{world.family.next_id++};
        person.household = household;
        person.commune = kCommune;
        person.last_name = "Dupont";
        person.first_name = name;
        person.account = account.id;
        person.email = name + "@example.fr";
        world.family.representatives[person.id.value()] = person;
        return account.id;
    }

    static core::ChildId add_child(BookingWorld& world, core::HouseholdId household, const std::string& name) {
        family::Child child{core::ChildId{world.family.next_id++},
                            kCommune,
                            "Dupont",
                            name,
                            *core::CivilDate::parse_iso("2017-05-01"),
                            family::Sex::male,
                            "",
                            family::ClassLevel::ce2,
                            family::DietaryOption::standard,
                            false};
        world.family.children.insert_or_assign(child.id.value(), child);
        world.family.household_children.insert({household.value(), child.id.value()});
        return child.id;
    }

    void book(core::ChildId child, core::HouseholdId household, const char* day,
              BookingStatus status = BookingStatus::booked) {
        m_work.change([&](BookingWorld& world) {
            DayBooking b;
            b.id = core::BookingId{world.booking.next_id++};
            b.commune = kCommune;
            b.household = household;
            b.child = child;
            b.activity = core::ActivityId{3};
            b.site = core::SiteId{3};
            b.day = *core::CivilDate::parse_iso(day);
            b.status = status;
            world.booking.bookings.push_back(b);
        });
    }

    Scope scope() const { return {kCommune, *core::TimeZone::locate("Europe/Paris")}; }
    Actor actor(core::AccountId account) const { return {account, BookingChannel::portal, std::nullopt, "192.0.2.1"}; }

    std::vector<std::string> mails_to() const {
        std::vector<std::string> to;
        for (const notify::MailRequest& mail : m_work.state().identity.mails) {
            if (mail.template_name == "booking_reminder") {
                to.push_back(mail.to);
            }
        }
        std::sort(to.begin(), to.end());
        return to;
    }

    InMemoryBooking m_work;
    ReminderService m_reminders{m_work};
    CalendarFeedService m_feeds{m_work};
    core::HouseholdId m_household{0}, m_other_household{0};
    core::AccountId m_mother{0}, m_father{0}, m_stranger{0};
    core::ChildId m_remi{0}, m_other_child{0};
};

TEST_F(ReminderServiceTest, EachParentGetsOneMailPerDeadlineAndStepHoweverOftenTheTimerTicks) {
    book(m_other_child, m_other_household, "2025-10-21");  // Léon has a day booked: nothing for his family
    auto sent = m_reminders.send_due(scope(), at("2025-09-20T12:00:00Z"));
    ASSERT_TRUE(sent.has_value());
    EXPECT_EQ(*sent, 1u);
    EXPECT_EQ(mails_to(), (std::vector<std::string>{"marie@example.fr", "paul@example.fr"}));
    const notify::MailRequest mail = m_work.state().identity.mails.front();
    EXPECT_EQ(mail.variables.at("child"), "Rémi");
    EXPECT_EQ(mail.variables.at("days"), "3");
    EXPECT_EQ(mail.variables.at("period"), "Vacances de la Toussaint 2025 — semaine 1");
    EXPECT_EQ(mail.variables.at("deadline_us"), std::to_string(at("2025-09-22T21:59:59Z").time_since_epoch().count()));

    // Ticking again an hour later (or a second process at once) sends nothing more.
    EXPECT_EQ(m_reminders.send_due(scope(), at("2025-09-20T13:00:00Z")).value(), 0u);
    EXPECT_EQ(mails_to().size(), 2u);
    const BookingWorld world = m_work.state();
    EXPECT_EQ(world.agenda.sent.size(), 1u);
    const auto events = std::count_if(world.booking.events.begin(), world.booking.events.end(),
                                      [](const BookingEvent& e) { return e.kind == "reminder_sent"; });
    EXPECT_EQ(events, 2);  // one history row per mail, naming the recipient

    // The 1-day reminder is another step: sent once too.
    EXPECT_EQ(m_reminders.send_due(scope(), at("2025-09-22T08:00:00Z")).value(), 1u);
    EXPECT_EQ(m_reminders.send_due(scope(), at("2025-09-22T09:00:00Z")).value(), 0u);
    EXPECT_EQ(mails_to().size(), 4u);
}

TEST_F(ReminderServiceTest, AParentWhoTurnedRemindersOffGetsNoneAndTheOtherStillDoes) {
    ASSERT_TRUE(m_reminders.set_wanted(scope(), actor(m_father), false, at("2025-09-01T10:00:00Z")).has_value());
    EXPECT_FALSE(m_reminders.wanted(scope(), m_father).value());
    EXPECT_TRUE(m_reminders.wanted(scope(), m_mother).value());
    const auto audit = m_work.state().identity.audit;
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit.back().kind, "reminders_off");
    ASSERT_TRUE(m_reminders.send_due(scope(), at("2025-09-20T12:00:00Z")).has_value());
    EXPECT_EQ(mails_to(), (std::vector<std::string>{"lea@example.fr", "marie@example.fr"}));  // Léon's parent too
}

TEST_F(ReminderServiceTest, ASessionBookedMeanwhileIsNotReminded) {
    book(m_remi, m_household, "2025-10-20");
    EXPECT_EQ(m_reminders.send_due(scope(), at("2025-09-20T12:00:00Z")).value(), 1u);  // Léon's only
    EXPECT_EQ(mails_to(), std::vector<std::string>{"lea@example.fr"});
}

TEST_F(ReminderServiceTest, TheFeedShowsTheBookedDaysOfTheParentsChildrenUntilRevoked) {
    book(m_remi, m_household, "2025-10-20");
    book(m_remi, m_household, "2025-10-21", BookingStatus::cancelled);
    book(m_other_child, m_other_household, "2025-10-22");
    const core::Instant now = at("2025-10-01T10:00:00Z");
    auto token = m_feeds.issue(scope(), actor(m_mother), now);
    ASSERT_TRUE(token.has_value());
    auto content = m_feeds.content(scope(), *token, now);
    ASSERT_TRUE(content.has_value() && content->has_value());
    ASSERT_EQ((*content)->events.size(), 1u);  // the cancelled day and Léon's are not in it
    EXPECT_EQ((*content)->events[0].child_name, "Rémi");
    EXPECT_EQ((*content)->events[0].day.to_iso(), "2025-10-20");
    EXPECT_EQ((*content)->events[0].activity_name, "Accueil de loisirs des vacances");

    // Re-issued: the old URL is gone, the new one works; revoked: gone.
    auto second = m_feeds.issue(scope(), actor(m_mother), now);
    ASSERT_TRUE(second.has_value());
    EXPECT_FALSE(m_feeds.content(scope(), *token, now)->has_value());
    EXPECT_TRUE(m_feeds.content(scope(), *second, now)->has_value());
    EXPECT_TRUE(m_feeds.revoke(scope(), actor(m_mother), now).value());
    EXPECT_FALSE(m_feeds.content(scope(), *second, now)->has_value());
    EXPECT_FALSE(m_feeds.revoke(scope(), actor(m_mother), now).value());
    EXPECT_FALSE(m_feeds.content(scope(), "not a token", now)->has_value());
    const auto audit = m_work.state().identity.audit;
    const auto issued = std::count_if(audit.begin(), audit.end(),
                                      [](const identity::AuditEvent& e) { return e.kind == "calendar_feed_issued"; });
    EXPECT_EQ(issued, 2);
}

}  // namespace
}  // namespace guichet::booking
