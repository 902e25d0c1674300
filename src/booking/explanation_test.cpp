#include "booking/explanation.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "booking/rules_for_tests.h"

namespace guichet::booking {
namespace {

using testing::paris;
using testing::paris_time;

// A judgement on 15 October 2026 under the school rules: on time until 1 October, cut-off on 14 October.
Judgement judged(BookingDecision booking, std::optional<catalog::Surcharge> surcharge = std::nullopt) {
    Judgement judgement;
    judgement.booking = booking;
    judgement.on_time_until = paris_time("2026-10-01T23:59:59");
    judgement.cutoff = paris_time("2026-10-14T23:59:59");
    judgement.surcharge = surcharge;
    judgement.cancellation = CancellationDecision::free;
    judgement.free_cancellation_until = paris_time("2026-10-01T23:59:59");
    return judgement;
}

// Whether the activity runs on the day, for building circumstances.
enum class Service { runs, none };

DayCircumstances circumstances(Service service, EnrolmentState enrolment, Availability availability) {
    DayCircumstances day;
    if (service == Service::none) {
        day.no_service = DayCircumstances::NoService{};
    }
    day.enrolment = enrolment;
    day.availability = availability;
    return day;
}

TEST(ExplanationDecision, FollowsThePrecedenceNoServiceNotEnrolledClosedFullThenTheDeadlines) {
    using enum EnrolmentState;
    using enum Availability;
    struct Case {
        std::string_view name;
        BookingDecision judged;
        DayCircumstances day;
        Decision expected;
    };
    const Case cases[] = {
        {"on time with a place: on_time", BookingDecision::on_time, circumstances(Service::runs, enrolled, places_left),
         Decision::on_time},
        {"late with a place: late", BookingDecision::late, circumstances(Service::runs, enrolled, places_left),
         Decision::late},
        {"past the cut-off: closed", BookingDecision::closed, circumstances(Service::runs, enrolled, places_left),
         Decision::closed},
        {"on time but full: full", BookingDecision::on_time, circumstances(Service::runs, enrolled, full),
         Decision::full},
        {"late but full: full", BookingDecision::late, circumstances(Service::runs, enrolled, full), Decision::full},
        {"closed and full: closed, as it could not be booked anyway", BookingDecision::closed,
         circumstances(Service::runs, enrolled, full), Decision::closed},
        {"not enrolled comes before closed", BookingDecision::closed, circumstances(Service::runs, not_enrolled, full),
         Decision::not_enrolled},
        {"not enrolled comes before on time", BookingDecision::on_time,
         circumstances(Service::runs, not_enrolled, places_left), Decision::not_enrolled},
        {"no service comes before everything", BookingDecision::closed,
         circumstances(Service::none, not_enrolled, full), Decision::no_service},
        {"no service on a day that could be booked on time", BookingDecision::on_time,
         circumstances(Service::none, enrolled, places_left), Decision::no_service},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        const auto explanation = Explanation::of(judged(c.judged), c.day, paris());
        EXPECT_EQ(decision_name(explanation.decision), decision_name(c.expected));
    }
}

TEST(ExplanationReason, NamesACatalogueKeyWithTheDeadlinesInFrench) {
    struct Case {
        std::string_view name;
        Judgement judgement;
        DayCircumstances day;
        Reason expected;
    };
    DayCircumstances holiday;
    holiday.no_service = DayCircumstances::NoService{{"catalog_closed_public_holiday", {{"holiday", "Toussaint"}}}};
    DayCircumstances full;
    full.availability = Availability::full;
    DayCircumstances not_enrolled;
    not_enrolled.enrolment = EnrolmentState::not_enrolled;
    const Case cases[] = {
        {"on time",
         judged(BookingDecision::on_time),
         {},
         {"booking_reason_on_time", {{"deadline", "01/10/2026 \u00E0 23:59"}, {"cutoff", "14/10/2026 \u00E0 23:59"}}}},
        {"late with a percentage",
         judged(BookingDecision::late, catalog::PercentSurcharge{50}),
         {},
         {"booking_reason_late",
          {{"surcharge", "50\u00A0%"},
           {"deadline", "01/10/2026 \u00E0 23:59"},
           {"cutoff", "14/10/2026 \u00E0 23:59"}}}},
        {"late with a flat amount",
         judged(BookingDecision::late, catalog::FlatSurcharge{core::Money::from_cents(100)}),
         {},
         {"booking_reason_late",
          {{"surcharge", "1,00\u00A0\u20AC"},
           {"deadline", "01/10/2026 \u00E0 23:59"},
           {"cutoff", "14/10/2026 \u00E0 23:59"}}}},
        {"closed",
         judged(BookingDecision::closed),
         {},
         {"booking_reason_closed", {{"cutoff", "14/10/2026 \u00E0 23:59"}}}},
        {"full",
         judged(BookingDecision::on_time),
         full,
         {"booking_reason_full", {{"cutoff", "14/10/2026 \u00E0 23:59"}}}},
        {"not enrolled", judged(BookingDecision::on_time), not_enrolled, {"booking_reason_not_enrolled", {}}},
        {"no service, with the caller's reason",
         judged(BookingDecision::on_time),
         holiday,
         {"catalog_closed_public_holiday", {{"holiday", "Toussaint"}}}},
        {"no service, with the general reason",
         judged(BookingDecision::on_time),
         circumstances(Service::none, EnrolmentState::enrolled, Availability::places_left),
         {"booking_no_service", {}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        EXPECT_EQ(Explanation::of(c.judgement, c.day, paris()).reason, c.expected);
    }
}

TEST(ExplanationReason, TellsWhatACancellationWouldDo) {
    struct Case {
        std::string_view name;
        CancellationDecision cancellation;
        Reason expected;
    };
    const Case cases[] = {
        {"free",
         CancellationDecision::free,
         {"booking_cancellation_free", {{"free_until", "01/10/2026 \u00E0 23:59"}}}},
        {"billed",
         CancellationDecision::billed,
         {"booking_cancellation_billed", {{"cutoff", "14/10/2026 \u00E0 23:59"}}}},
        {"closed",
         CancellationDecision::closed,
         {"booking_cancellation_closed", {{"cutoff", "14/10/2026 \u00E0 23:59"}}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        Judgement judgement = judged(BookingDecision::on_time);
        judgement.cancellation = c.cancellation;
        EXPECT_EQ(Explanation::of(judgement, {}, paris()).cancellation_reason, c.expected);
    }
}

TEST(ExplanationReason, ReadsADeadlineAfterTheAutumnChangeOnTheCommunesClocks) {
    Judgement judgement = judged(BookingDecision::on_time);
    judgement.on_time_until = paris_time("2026-10-25T23:59:59");
    EXPECT_EQ(Explanation::of(judgement, {}, paris()).reason.variable("deadline"), "25/10/2026 \u00E0 23:59");
}

}  // namespace
}  // namespace guichet::booking
