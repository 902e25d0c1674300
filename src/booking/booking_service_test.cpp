// The booking use cases on the in-memory world, with the real 2025-2026 calendar of zone C and a fixed clock:
// enrolment (at once or validated by an agent), the plan of a batch with its late days and surcharges, the
// confirmation that books every day or none, cancellations free and billed, and other households' children.
#include "booking/booking_service.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "booking/in_memory_booking.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"

namespace guichet::booking {
namespace {

using testing::BookingWorld;
using testing::InMemoryBooking;

const core::CommuneId kCommune{1};
const core::CommuneId kOtherCommune{2};

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

core::Instant paris(const char* local) {
    const auto zone = core::TimeZone::locate("Europe/Paris").value();
    return zone.to_instant(core::LocalDateTime::parse_iso(local).value()).value();
}

class BookingServiceTest : public ::testing::Test {
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
            for (const auto& closure : catalog.closures)
                world.catalog.closures[closure.id.value()] = closure;
            world.catalog.next_id = 100;
            m_parent = add_family(world, kCommune, "Dupont", "Rémi");
            m_stranger = add_family(world, kCommune, "Martin", "Léa");
        });
    }

    struct Family {
        core::AccountId parent{0};
        core::HouseholdId household{0};
        core::ChildId child{0};
    };

    static Family add_family(BookingWorld& world, core::CommuneId commune, const std::string& name,
                             const std::string& child_name) {
        Family made;
        identity::Account account;
        account.id = core::AccountId{world.identity.next_id++};
        account.commune = commune;
        account.role = identity::Role::parent;
        account.status = identity::AccountStatus::active;
        account.username = name;
        account.email = name + "@example.fr";
        world.identity.accounts[account.id.value()] = account;
        made.parent = account.id;
        family::Household household{core::HouseholdId{world.family.next_id++}, commune, "F-" + name, {}, {}};
        world.family.households[household.id.value()] = household;
        made.household = household.id;
        family::Representative person;
        person.id = core::RepresentativeId{world.family.next_id++};
        person.household = household.id;
        person.commune = commune;
        person.last_name = name;
        person.first_name = "Parent";
        person.account = account.id;
        person.email = name + "@example.fr";
        world.family.representatives[person.id.value()] = person;
        family::Child child{core::ChildId{world.family.next_id++}, commune, name, child_name, day("2017-05-01")};
        child.class_level = family::ClassLevel::ce2;
        world.family.children.insert_or_assign(child.id.value(), child);
        world.family.household_children.insert({household.id.value(), child.id.value()});
        made.child = child.id;
        return made;
    }

    Actor parent(const Family& family) const {
        return {family.parent, BookingChannel::portal, std::nullopt, "192.0.2.1"};
    }

    Scope scope(core::CommuneId commune = kCommune) const {
        return {commune, core::TimeZone::locate("Europe/Paris").value()};
    }

    Enrolment enrol(const Family& family, core::ActivityId activity = core::ActivityId{1},
                    core::SiteId site = core::SiteId{1}) {
        std::vector<core::Error> errors;
        auto made = m_service.enrol(scope(), parent(family),
                                    {family.child, activity, {core::SchoolYearId{1}, std::nullopt}, site}, errors);
        EXPECT_TRUE(made.has_value()) << core::describe(made.error());
        EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().key);
        return made->value();
    }

    core::FixedClock m_clock{paris("2025-10-01T20:00:00")};
    InMemoryBooking m_work;
    BookingService m_service{m_work, m_clock};
    Family m_parent;
    Family m_stranger;
};

TEST_F(BookingServiceTest, AnEnrolmentIsNotABookingAndOnlyAnEnrolledChildIsBooked) {
    const DaySelection thursday{core::ActivityId{1}, {day("2025-10-16")}};
    auto before = m_service.plan(scope(), parent(m_parent), m_parent.child, thursday);
    ASSERT_TRUE(before.has_value()) << core::describe(before.error());
    ASSERT_EQ(before->summary.lines.size(), 1u);
    EXPECT_EQ(before->summary.lines[0].explanation.decision, Decision::not_enrolled);

    const Enrolment enrolment = enrol(m_parent);
    EXPECT_EQ(enrolment.status, EnrolmentStatus::accepted);  // apps-matin needs no agent
    EXPECT_TRUE(m_work.state().booking.bookings.empty());    // enrolling booked nothing

    auto after = m_service.plan(scope(), parent(m_parent), m_parent.child, thursday);
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->summary.lines[0].explanation.decision, Decision::on_time);
}

TEST_F(BookingServiceTest, APlanShowsLateDaysWithTheirSurchargeAndConfirmingBooksThemAll) {
    enrol(m_parent);
    // On 1 October 2025 at 20:00 (the rentrée window is over): Thursday 16 October is on time (its D-14 is
    // 2 October), Friday 3 October late (+50 % of 2,10 €), Tuesday 30 September closed (its cut-off has passed),
    // Saturday 18 October without service.
    const DaySelection days{core::ActivityId{1},
                            {day("2025-10-16"), day("2025-10-03"), day("2025-09-30"), day("2025-10-18")}};
    auto plan = m_service.plan(scope(), parent(m_parent), m_parent.child, days);
    ASSERT_TRUE(plan.has_value()) << core::describe(plan.error());
    const auto& lines = plan->summary.lines;
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].day, day("2025-09-30"));
    EXPECT_EQ(lines[0].explanation.decision, Decision::closed);
    EXPECT_EQ(lines[1].explanation.decision, Decision::late);
    EXPECT_EQ(lines[1].price, core::Money::from_cents(315));
    EXPECT_EQ(lines[2].explanation.decision, Decision::on_time);
    EXPECT_EQ(lines[2].price, core::Money::from_cents(210));
    EXPECT_EQ(lines[3].explanation.decision, Decision::no_service);
    EXPECT_EQ(plan->summary.total, core::Money::from_cents(525));

    auto confirmed = m_service.confirm(scope(), parent(m_parent), m_parent.child, days, plan->fingerprint);
    ASSERT_TRUE(confirmed.has_value()) << core::describe(confirmed.error());
    EXPECT_EQ(confirmed->outcome, Confirmation::Outcome::booked);
    const BookingWorld world = m_work.state();
    ASSERT_EQ(world.booking.bookings.size(), 2u);
    EXPECT_EQ(world.booking.bookings[0].timing, BookingTiming::late);
    EXPECT_EQ(world.booking.bookings[0].surcharge, core::Money::from_cents(105));
    EXPECT_EQ(world.booking.bookings[1].timing, BookingTiming::on_time);
    EXPECT_EQ(world.booking.bookings[1].household, m_parent.household);
    EXPECT_EQ(world.booking.events.size(), 3u);  // the enrolment and the two days
}

TEST_F(BookingServiceTest, AConfirmationOfAPlanThatChangedWritesNothingAndShowsTheNewOne) {
    enrol(m_parent);
    const DaySelection days{core::ActivityId{1}, {day("2025-10-16")}};
    auto plan = m_service.plan(scope(), parent(m_parent), m_parent.child, days);
    ASSERT_TRUE(plan.has_value());
    EXPECT_EQ(plan->summary.lines[0].explanation.decision, Decision::on_time);
    m_clock.set(paris("2025-10-03T00:00:00"));  // the deadline passed while the parent read the summary
    auto confirmed = m_service.confirm(scope(), parent(m_parent), m_parent.child, days, plan->fingerprint);
    ASSERT_TRUE(confirmed.has_value());
    EXPECT_EQ(confirmed->outcome, Confirmation::Outcome::changed);
    EXPECT_EQ(confirmed->plan.summary.lines[0].explanation.decision, Decision::late);
    EXPECT_TRUE(m_work.state().booking.bookings.empty());
}

TEST_F(BookingServiceTest, AFullDayIsRefusedAndTheLastPlaceGoesToOneFamily) {
    enrol(m_parent);
    enrol(m_stranger);
    m_work.change([](BookingWorld& world) {
        world.catalog.activities[1].sites = {{core::SiteId{1}, 1}, {core::SiteId{2}, 40}};
        ++world.catalog.changes;  // a change behind the store's back: its version, as the store would move it
    });
    const DaySelection days{core::ActivityId{1}, {day("2025-10-16")}};
    auto first = m_service.plan(scope(), parent(m_parent), m_parent.child, days);
    auto second = m_service.plan(scope(), parent(m_stranger), m_stranger.child, days);
    ASSERT_TRUE(first && second);
    ASSERT_TRUE(m_service.confirm(scope(), parent(m_parent), m_parent.child, days, first->fingerprint).has_value());
    auto late_comer = m_service.confirm(scope(), parent(m_stranger), m_stranger.child, days, second->fingerprint);
    ASSERT_TRUE(late_comer.has_value());
    EXPECT_EQ(late_comer->outcome, Confirmation::Outcome::changed);
    EXPECT_EQ(late_comer->plan.summary.lines[0].explanation.decision, Decision::full);
    EXPECT_EQ(m_work.state().booking.bookings.size(), 1u);
}

// The service keeps the catalogue between use cases; a change another unit of work commits (an agent's closure,
// with its history line) is seen by the next one, and by a confirmation whose plan was made before it.
TEST_F(BookingServiceTest, ACatalogueChangeCommittedByAnotherUnitOfWorkIsSeenByTheNextStep) {
    enrol(m_parent);
    const DaySelection thursday{core::ActivityId{1}, {day("2025-10-16")}};
    auto before = m_service.plan(scope(), parent(m_parent), m_parent.child, thursday);
    ASSERT_TRUE(before.has_value());
    ASSERT_EQ(before->summary.lines.at(0).explanation.decision, Decision::on_time);
    ASSERT_TRUE(m_work
                    .write([&](Transaction& tx) -> core::Status {
                        catalog::Closure closure;
                        closure.commune = kCommune;
                        closure.day = day("2025-10-16");
                        closure.reason = "Grève";
                        GUICHET_TRY(id, tx.catalog().insert_closure(closure));
                        (void)id;
                        return tx.catalog().record({kCommune, std::nullopt, "closure_added", "2025-10-16", {}});
                    })
                    .has_value());
    auto after = m_service.plan(scope(), parent(m_parent), m_parent.child, thursday);
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->summary.lines.at(0).explanation.decision, Decision::no_service);
    auto confirmed = m_service.confirm(scope(), parent(m_parent), m_parent.child, thursday, before->fingerprint);
    ASSERT_TRUE(confirmed.has_value());
    EXPECT_EQ(confirmed->outcome, Confirmation::Outcome::changed);
    EXPECT_TRUE(m_work.state().booking.bookings.empty());
}

TEST_F(BookingServiceTest, CancellationsAreFreeUntilTheDeadlineThenBilled) {
    enrol(m_parent);
    // Thursday 16 October, and Thursday 6 November after the Toussaint holidays.
    const DaySelection days{core::ActivityId{1}, {day("2025-10-16"), day("2025-11-06")}};
    auto plan = m_service.plan(scope(), parent(m_parent), m_parent.child, days);
    ASSERT_TRUE(m_service.confirm(scope(), parent(m_parent), m_parent.child, days, plan->fingerprint).has_value());
    ASSERT_EQ(m_work.state().booking.bookings.size(), 2u);
    m_clock.set(paris("2025-10-05T12:00:00"));  // past 16 October's D-14, before 6 November's
    auto cancellation = m_service.plan_cancellation(scope(), parent(m_parent), m_parent.child, days);
    ASSERT_TRUE(cancellation.has_value()) << core::describe(cancellation.error());
    ASSERT_EQ(cancellation->lines.size(), 2u);
    EXPECT_EQ(cancellation->lines[0].decision, CancellationDecision::billed);
    EXPECT_EQ(cancellation->lines[0].billed, core::Money::from_cents(210));
    EXPECT_EQ(cancellation->lines[1].decision, CancellationDecision::free);
    auto done = m_service.cancel(scope(), parent(m_parent), m_parent.child, days, cancellation->fingerprint);
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->cancelled, 2);
    const BookingWorld world = m_work.state();
    EXPECT_EQ(world.booking.bookings[0].cancellation, CancellationBilling::billed);
    EXPECT_EQ(world.booking.bookings[0].billed_amount(), core::Money::from_cents(210));
    EXPECT_EQ(world.booking.bookings[1].cancellation, CancellationBilling::free);
    EXPECT_EQ(world.booking.bookings[1].billed_amount(), core::Money::from_cents(0));
}

TEST_F(BookingServiceTest, AnotherHouseholdsChildIsNotFoundAndNothingIsWritten) {
    enrol(m_stranger);
    const DaySelection days{core::ActivityId{1}, {day("2025-10-16")}};
    const auto commits = m_work.commits();
    std::vector<core::Error> errors;
    const auto enrolled =
        m_service.enrol(scope(), parent(m_parent),
                        {m_stranger.child, core::ActivityId{1}, {core::SchoolYearId{1}, {}}, core::SiteId{1}}, errors);
    ASSERT_FALSE(enrolled.has_value());
    EXPECT_EQ(enrolled.error().key, "err_booking_child_unknown");
    const auto plan = m_service.plan(scope(), parent(m_parent), m_stranger.child, days);
    ASSERT_FALSE(plan.has_value());
    EXPECT_EQ(plan.error().code, core::ErrorCode::not_found);
    const auto confirmed = m_service.confirm(scope(), parent(m_parent), m_stranger.child, days, "");
    ASSERT_FALSE(confirmed.has_value());
    const auto month = m_service.month(scope(), parent(m_parent), m_stranger.child, day("2025-10-01"));
    ASSERT_FALSE(month.has_value());
    // The same child through another commune's scope is not found either.
    const auto elsewhere = m_service.plan(scope(kOtherCommune), parent(m_stranger), m_stranger.child, days);
    ASSERT_FALSE(elsewhere.has_value());
    EXPECT_EQ(m_work.commits(), commits);
}

TEST_F(BookingServiceTest, AnEnrolmentThatNeedsAnAgentWaitsAndARefusalSaysWhy) {
    m_work.change([](BookingWorld& world) {
        world.catalog.activities[2].needs_validation = true;
        ++world.catalog.changes;
    });
    const Enrolment pending = enrol(m_parent, core::ActivityId{2}, core::SiteId{3});
    EXPECT_EQ(pending.status, EnrolmentStatus::pending);
    auto waiting = m_service.pending(scope());
    ASSERT_TRUE(waiting.has_value());
    ASSERT_EQ(waiting->size(), 1u);
    EXPECT_EQ(waiting->front().child_name, "Rémi DUPONT");  // whose enrolment the agent decides
    EXPECT_EQ(waiting->front().household_reference, "F-Dupont");
    const Actor agent{core::AccountId{99}, BookingChannel::guichet, std::nullopt, "192.0.2.9"};
    const auto silent = m_service.decide(scope(), agent, pending.id, EnrolmentStep::refuse, "");
    ASSERT_FALSE(silent.has_value());
    const auto refused = m_service.decide(scope(), agent, pending.id, EnrolmentStep::refuse, "Plus de place.");
    ASSERT_TRUE(refused.has_value()) << core::describe(refused.error());
    EXPECT_EQ(refused->status, EnrolmentStatus::refused);
    EXPECT_EQ(m_work.state().booking.enrolments[0].refusal_reason, "Plus de place.");
    // The family is told, by mail, in the decision's transaction; the refusal without a reason told nobody.
    const auto mails = m_work.state().identity.mails;
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].template_name, "enrolment_decided");
    EXPECT_EQ(mails[0].to, "Dupont@example.fr");
    EXPECT_EQ(mails[0].variables.at("decision"), "refused");
    EXPECT_EQ(mails[0].variables.at("reason"), "Plus de place.");
    EXPECT_EQ(mails[0].variables.at("child"), "Rémi");
    // Another commune's agent does not find it.
    EXPECT_FALSE(m_service.decide(scope(kOtherCommune), agent, pending.id, EnrolmentStep::accept, "").has_value());
}

TEST_F(BookingServiceTest, EnrolmentsAreCheckedAgainstTheCatalogue) {
    struct Case {
        const char* name;
        EnrolmentRequest request;
        const char* error;
    };
    const auto child = m_parent.child;
    const Case cases[] = {
        {"an activity the commune lacks",
         {child, core::ActivityId{42}, {core::SchoolYearId{1}, {}}, core::SiteId{1}},
         "err_activity_unknown"},
        {"a school-time activity without its year",
         {child, core::ActivityId{1}, {{}, core::HolidaySessionId{1}}, core::SiteId{1}},
         "err_enrolment_school_year"},
        {"a site the activity does not serve",
         {child, core::ActivityId{1}, {core::SchoolYearId{1}, {}}, core::SiteId{3}},
         "err_enrolment_site"},
        {"a holiday activity without a session",
         {child, core::ActivityId{3}, {core::SchoolYearId{1}, {}}, core::SiteId{3}},
         "err_enrolment_session"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        std::vector<core::Error> errors;
        const auto made = m_service.enrol(scope(), parent(m_parent), c.request, errors);
        ASSERT_TRUE(made.has_value());
        EXPECT_FALSE(made->has_value());
        ASSERT_FALSE(errors.empty());
        EXPECT_EQ(errors.front().key, c.error);
    }
    EXPECT_TRUE(m_work.state().booking.enrolments.empty());
    enrol(m_parent);
    std::vector<core::Error> errors;
    const auto twice = m_service.enrol(
        scope(), parent(m_parent), {child, core::ActivityId{1}, {core::SchoolYearId{1}, {}}, core::SiteId{1}}, errors);
    ASSERT_TRUE(twice.has_value());
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors.front().key, "err_enrolment_exists");
}

TEST_F(BookingServiceTest, AFullDayTakesAWaitingListInTheOrderFamiliesJoin) {
    enrol(m_parent);
    enrol(m_stranger);
    const DaySelection days{core::ActivityId{1}, {day("2025-10-16")}};
    // Not full yet: the family books instead.
    const auto too_soon =
        m_service.join_waiting_list(scope(), parent(m_parent), m_parent.child, core::ActivityId{1}, day("2025-10-16"));
    ASSERT_FALSE(too_soon.has_value());
    EXPECT_EQ(too_soon.error().key, "err_waiting_not_full");
    m_work.change([](BookingWorld& world) {
        world.catalog.activities[1].sites = {{core::SiteId{1}, 0}, {core::SiteId{2}, 40}};
        ++world.catalog.changes;
    });
    auto first =
        m_service.join_waiting_list(scope(), parent(m_parent), m_parent.child, core::ActivityId{1}, day("2025-10-16"));
    ASSERT_TRUE(first.has_value()) << core::describe(first.error());
    EXPECT_EQ(*first, 1);
    auto second = m_service.join_waiting_list(scope(), parent(m_stranger), m_stranger.child, core::ActivityId{1},
                                              day("2025-10-16"));
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(*second, 2);
    const auto twice =
        m_service.join_waiting_list(scope(), parent(m_parent), m_parent.child, core::ActivityId{1}, day("2025-10-16"));
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().key, "err_waiting_already");
    auto month = m_service.month(scope(), parent(m_stranger), m_stranger.child, day("2025-10-01"));
    ASSERT_TRUE(month.has_value());
    const auto shown = std::find_if(month->activities[0].days.begin(), month->activities[0].days.end(),
                                    [](const CalendarDay& d) { return d.day == day("2025-10-16"); });
    ASSERT_NE(shown, month->activities[0].days.end());
    EXPECT_EQ(shown->explanation.decision, Decision::full);
    EXPECT_EQ(shown->waiting_position, 2);
    // The first family leaves: the second moves up.
    ASSERT_TRUE(*m_service.leave_waiting_list(scope(), parent(m_parent), m_parent.child, core::ActivityId{1},
                                              day("2025-10-16")));
    EXPECT_FALSE(*m_service.leave_waiting_list(scope(), parent(m_parent), m_parent.child, core::ActivityId{1},
                                               day("2025-10-16")));
    month = m_service.month(scope(), parent(m_stranger), m_stranger.child, day("2025-10-01"));
    const auto moved = std::find_if(month->activities[0].days.begin(), month->activities[0].days.end(),
                                    [](const CalendarDay& d) { return d.day == day("2025-10-16"); });
    EXPECT_EQ(moved->waiting_position, 1);
    // Another household's child cannot be put on a list.
    EXPECT_FALSE(
        m_service.join_waiting_list(scope(), parent(m_parent), m_stranger.child, core::ActivityId{1}, day("2025-10-16"))
            .has_value());
}

TEST_F(BookingServiceTest, AnAgentAtTheGuichetBooksOnlyForTheHouseholdHeHasOpenAndTheHistoryNamesHim) {
    enrol(m_parent);
    const DaySelection days{core::ActivityId{1}, {day("2025-10-16")}};
    const Actor agent{core::AccountId{99}, BookingChannel::guichet, m_parent.household, "192.0.2.9"};
    // Another household's child, or no household open: not found, nothing written.
    const Actor elsewhere{core::AccountId{99}, BookingChannel::guichet, m_stranger.household, "192.0.2.9"};
    const Actor nowhere{core::AccountId{99}, BookingChannel::guichet, std::nullopt, "192.0.2.9"};
    const auto commits = m_work.commits();
    EXPECT_FALSE(m_service.plan(scope(), elsewhere, m_parent.child, days).has_value());
    EXPECT_FALSE(m_service.confirm(scope(), nowhere, m_parent.child, days, "").has_value());
    EXPECT_EQ(m_work.commits(), commits);

    auto plan = m_service.plan(scope(), agent, m_parent.child, days);
    ASSERT_TRUE(plan.has_value()) << core::describe(plan.error());
    auto done = m_service.confirm(scope(), agent, m_parent.child, days, plan->fingerprint);
    ASSERT_TRUE(done.has_value()) << core::describe(done.error());
    ASSERT_EQ(done->booked.size(), 1u);
    const BookingWorld world = m_work.state();
    ASSERT_EQ(world.booking.bookings.size(), 1u);
    EXPECT_EQ(world.booking.bookings[0].channel, BookingChannel::guichet);
    EXPECT_EQ(world.booking.bookings[0].household, m_parent.household);
    const BookingEvent& booked = world.booking.events.back();
    EXPECT_EQ(booked.kind, "day_booked");
    EXPECT_EQ(booked.actor, core::AccountId{99});
    EXPECT_EQ(booked.channel, BookingChannel::guichet);
    EXPECT_EQ(booked.household, m_parent.household);
}

TEST_F(BookingServiceTest, TheAgendaListsTheBookedDaysOfAPeriodWithTheirActivities) {
    enrol(m_parent);
    enrol(m_parent, core::ActivityId{2}, core::SiteId{3});  // the Wednesdays, at the centre
    const DaySelection morning{core::ActivityId{1}, {day("2025-10-16"), day("2025-10-17"), day("2025-11-06")}};
    const DaySelection wednesday{core::ActivityId{2}, {day("2025-10-15")}};
    for (const DaySelection& days : {morning, wednesday}) {
        auto plan = m_service.plan(scope(), parent(m_parent), m_parent.child, days);
        ASSERT_TRUE(plan.has_value()) << core::describe(plan.error());
        ASSERT_TRUE(m_service.confirm(scope(), parent(m_parent), m_parent.child, days, plan->fingerprint));
    }
    // 17 October cancelled: it leaves the agenda.
    const DaySelection friday{core::ActivityId{1}, {day("2025-10-17")}};
    auto cancellation = m_service.plan_cancellation(scope(), parent(m_parent), m_parent.child, friday);
    ASSERT_TRUE(cancellation.has_value());
    ASSERT_TRUE(m_service.cancel(scope(), parent(m_parent), m_parent.child, friday, cancellation->fingerprint));

    auto agenda = m_service.agenda(scope(), parent(m_parent), m_parent.child, day("2025-10-01"), day("2025-10-31"));
    ASSERT_TRUE(agenda.has_value()) << core::describe(agenda.error());
    ASSERT_EQ(agenda->size(), 2u);  // 6 November is outside the period, 17 October cancelled
    EXPECT_EQ((*agenda)[0].day, day("2025-10-15"));
    ASSERT_EQ((*agenda)[0].activities.size(), 1u);
    EXPECT_EQ((*agenda)[0].activities[0].id, core::ActivityId{2});
    EXPECT_EQ((*agenda)[1].day, day("2025-10-16"));
    ASSERT_EQ((*agenda)[1].activities.size(), 1u);
    EXPECT_EQ((*agenda)[1].activities[0].id, core::ActivityId{1});
    // Another household's parent does not see it.
    auto theirs = m_service.agenda(scope(), parent(m_stranger), m_parent.child, day("2025-10-01"), day("2025-10-31"));
    ASSERT_FALSE(theirs.has_value());
    EXPECT_EQ(theirs.error().code, core::ErrorCode::not_found);
}

}  // namespace
}  // namespace guichet::booking
