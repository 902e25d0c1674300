// The absence use cases on the in-memory world with a fixed clock: reporting booked days (the window, the days
// not booked or reported already, other households' children), the certificate an illness awaits and the agent's
// decision on it, told to the family.
#include "booking/absence_service.h"

#include <gtest/gtest.h>

#include "booking/world_for_tests.h"

namespace guichet::booking {
namespace {

using namespace testing;

class AbsenceServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_work.change([&](BookingWorld& world) {
            load_catalogue(world);
            m_family = add_test_family(world, kTestCommune, "Dupont", "Rémi");
            m_stranger = add_test_family(world, kTestCommune, "Martin", "Léa");
            add_booked_day(world, m_family, kMorning, kSchool, "2025-10-14");
            add_booked_day(world, m_family, kMorning, kSchool, "2025-10-16");
            add_booked_day(world, m_family, kEvening, kSchool, "2025-10-16");
            add_booked_day(world, m_family, kMorning, kSchool, "2025-10-17");
        });
    }

    AbsenceRequest request(const char* first, const char* last, AbsenceReason reason,
                           std::vector<core::ActivityId> activities = {}) const {
        return {iso_day(first), iso_day(last), std::move(activities), reason, {}};
    }

    core::FixedClock m_clock{paris_time("2025-10-16T08:00:00")};
    InMemoryBooking m_work;
    AbsenceService m_service{m_work, m_clock};
    TestFamily m_family;
    TestFamily m_stranger;
};

TEST_F(AbsenceServiceTest, AnIllnessOverTwoDaysRecordsEachBookedDayAwaitingItsCertificateAndKeepsTheBookings) {
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-16", "2025-10-17", AbsenceReason::illness));
    ASSERT_TRUE(reported.has_value()) << core::describe(reported.error());
    ASSERT_EQ(reported->size(), 3u);  // the 16th (morning and evening) and the 17th
    const BookingWorld world = m_work.state();
    ASSERT_EQ(world.booking.absences.size(), 3u);
    for (const Absence& absence : world.booking.absences) {
        EXPECT_EQ(absence.justification, JustificationStatus::awaited);
        EXPECT_EQ(absence.justification_deadline, iso_day("2025-10-27"));  // the last day + certificate_days (10)
        EXPECT_EQ(absence.reported_by, m_family.parent);
        EXPECT_EQ(absence.channel, BookingChannel::portal);
        EXPECT_EQ(absence_billing(absence, iso_day("2025-10-20")), AbsenceBilling::billed_pending_justification);
    }
    for (const DayBooking& booking : world.booking.bookings) {
        EXPECT_EQ(booking.status, BookingStatus::booked);  // an absence is not a cancellation
    }
    int history = 0;
    for (const BookingEvent& event : world.booking.events) {
        if (event.kind == "absence_reported") {
            ++history;
            EXPECT_EQ(event.actor, m_family.parent);
            EXPECT_EQ(event.child, m_family.child);
        }
    }
    EXPECT_EQ(history, 3);
}

TEST_F(AbsenceServiceTest, ChosenActivitiesLimitTheReportAndOtherReasonsAreBilledWithoutCertificate) {
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-16", "2025-10-16", AbsenceReason::personal, {kEvening}));
    ASSERT_TRUE(reported.has_value()) << core::describe(reported.error());
    ASSERT_EQ(reported->size(), 1u);
    EXPECT_EQ(reported->front().activity, kEvening);
    EXPECT_EQ(reported->front().justification, JustificationStatus::none);
    EXPECT_FALSE(reported->front().justification_deadline.has_value());
    EXPECT_EQ(absence_billing(reported->front(), iso_day("2025-10-16")), AbsenceBilling::billed);
}

TEST_F(AbsenceServiceTest, RefusedReportsWriteNothing) {
    ASSERT_TRUE(m_service
                    .report(test_scope(), parent_actor(m_family), m_family.child,
                            request("2025-10-17", "2025-10-17", AbsenceReason::illness))
                    .has_value());
    const int commits = m_work.commits();
    struct Case {
        const char* name;
        TestFamily who;
        AbsenceRequest request;
        core::ErrorCode code;
        const char* key;
    };
    AbsenceRequest other_without_words = request("2025-10-16", "2025-10-16", AbsenceReason::other);
    const Case cases[] = {
        {"a day with nothing booked", m_family, request("2025-10-20", "2025-10-21", AbsenceReason::illness),
         core::ErrorCode::conflict, "err_absence_not_booked"},
        {"a day reported already", m_family, request("2025-10-16", "2025-10-17", AbsenceReason::illness),
         core::ErrorCode::conflict, "err_absence_already_reported"},
        {"three days ago, past absence_past_days", m_family,
         request("2025-10-13", "2025-10-14", AbsenceReason::illness), core::ErrorCode::invalid_input,
         "err_absence_window"},
        {"a reversed range", m_family, request("2025-10-17", "2025-10-16", AbsenceReason::illness),
         core::ErrorCode::invalid_input, "err_absence_range"},
        {"other without words", m_family, other_without_words, core::ErrorCode::invalid_input, "err_absence_note"},
        {"another household's child", m_stranger, request("2025-10-16", "2025-10-16", AbsenceReason::illness),
         core::ErrorCode::not_found, "err_booking_child_unknown"},
    };
    for (const Case& c : cases) {
        auto refused = m_service.report(test_scope(), parent_actor(c.who), m_family.child, c.request);
        ASSERT_FALSE(refused.has_value()) << c.name;
        EXPECT_EQ(refused.error().code, c.code) << c.name;
        EXPECT_EQ(refused.error().key, c.key) << c.name;
    }
    EXPECT_EQ(m_work.commits(), commits);
    EXPECT_EQ(m_work.state().booking.absences.size(), 1u);
}

TEST_F(AbsenceServiceTest, TwoDaysAgoIsStillInsideTheDefaultWindow) {
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-14", "2025-10-14", AbsenceReason::medical_appointment));
    ASSERT_TRUE(reported.has_value()) << core::describe(reported.error());
    EXPECT_EQ(reported->size(), 1u);
}

TEST_F(AbsenceServiceTest, TheCommuneSettingsMoveTheWindowAndTheCertificateDeadline) {
    m_work.change([&](BookingWorld& world) {
        catalog::Settings settings;
        ASSERT_TRUE(settings.set("absence_past_days", 0).has_value());
        ASSERT_TRUE(settings.set("certificate_days", 3).has_value());
        world.catalog.settings[kTestCommune.value()] = settings;
        ++world.catalog.changes;
    });
    // No day past any more: the 14th, allowed by the default, is refused.
    auto past = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                 request("2025-10-14", "2025-10-14", AbsenceReason::personal));
    ASSERT_FALSE(past.has_value());
    EXPECT_EQ(past.error().key, "err_absence_window");
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-16", "2025-10-17", AbsenceReason::illness, {kMorning}));
    ASSERT_TRUE(reported.has_value()) << core::describe(reported.error());
    ASSERT_EQ(reported->size(), 2u);
    EXPECT_EQ(reported->front().justification_deadline, iso_day("2025-10-20"));  // the 17th + 3 days
}

TEST_F(AbsenceServiceTest, AnAcceptedCertificateMakesTheDayNotBilledAndTellsTheFamily) {
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-17", "2025-10-17", AbsenceReason::illness));
    ASSERT_TRUE(reported.has_value());
    const AbsenceId id = reported->front().id;
    auto open = m_service.open_justifications(test_scope());
    ASSERT_TRUE(open.has_value());
    ASSERT_EQ(open->size(), 1u);
    EXPECT_EQ(open->front().child_name, "Rémi Dupont");
    EXPECT_EQ(open->front().household_reference, "F-Dupont");

    // An agent of another commune does not find it.
    auto foreign = m_service.decide(test_scope(kOtherTestCommune), agent_actor(), id, JustificationStep::accept, "");
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::not_found);

    m_clock.set(paris_time("2025-10-22T10:00:00"));
    auto decided = m_service.decide(test_scope(), agent_actor(), id, JustificationStep::accept, "");
    ASSERT_TRUE(decided.has_value()) << core::describe(decided.error());
    const BookingWorld world = m_work.state();
    ASSERT_EQ(world.booking.absences.size(), 1u);
    const Absence& stored = world.booking.absences.front();
    EXPECT_EQ(stored.justification, JustificationStatus::accepted);
    EXPECT_EQ(stored.decided_by, agent_actor().account);
    EXPECT_EQ(absence_billing(stored, iso_day("2025-12-01")), AbsenceBilling::not_billed);
    ASSERT_EQ(world.identity.mails.size(), 1u);
    EXPECT_EQ(world.identity.mails.front().template_name, "absence_justification_decided");
    EXPECT_EQ(world.identity.mails.front().to, "Dupont@example.fr");
    EXPECT_EQ(world.identity.mails.front().variables.at("decision"), "accepted");
    EXPECT_EQ(world.booking.events.back().kind, "justification_accepted");
    EXPECT_EQ(world.booking.events.back().actor, agent_actor().account);

    // Decided once: a second decision is refused and changes nothing.
    auto again = m_service.decide(test_scope(), agent_actor(), id, JustificationStep::refuse, "Non");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().key, "err_justification_decided");
    EXPECT_TRUE(m_service.open_justifications(test_scope())->empty());
}

TEST_F(AbsenceServiceTest, ACertificateStillAwaitedAfterItsDeadlineIsBilledAndCannotBeAccepted) {
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-17", "2025-10-17", AbsenceReason::illness));
    ASSERT_TRUE(reported.has_value());
    m_clock.set(paris_time("2025-10-28T10:00:00"));
    auto late = m_service.decide(test_scope(), agent_actor(), reported->front().id, JustificationStep::accept, "");
    ASSERT_FALSE(late.has_value());
    EXPECT_EQ(late.error().key, "err_justification_late");
    EXPECT_EQ(absence_billing(m_work.state().booking.absences.front(), iso_day("2025-10-28")), AbsenceBilling::billed);
    // Refusing it, with a reason, is still possible.
    auto refused =
        m_service.decide(test_scope(), agent_actor(), reported->front().id, JustificationStep::refuse, "Hors délai");
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(m_work.state().booking.absences.front().refusal_reason, "Hors délai");
}

TEST_F(AbsenceServiceTest, TheFamilySubmitsItsCertificateWithinTheDeadline) {
    auto reported = m_service.report(test_scope(), parent_actor(m_family), m_family.child,
                                     request("2025-10-17", "2025-10-17", AbsenceReason::illness));
    ASSERT_TRUE(reported.has_value());
    auto foreign = m_service.submit_justification(test_scope(), parent_actor(m_stranger), reported->front().id, 7);
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::not_found);
    auto submitted = m_service.submit_justification(test_scope(), parent_actor(m_family), reported->front().id, 7);
    ASSERT_TRUE(submitted.has_value()) << core::describe(submitted.error());
    const Absence stored = m_work.state().booking.absences.front();
    EXPECT_EQ(stored.justification, JustificationStatus::submitted);
    EXPECT_EQ(stored.document_id, 7);
}

}  // namespace
}  // namespace guichet::booking
