// The rules of absences as pure functions: which days may be reported (the window of the commune's
// absence_past_days), the billing flag of an absent day, and the justification's steps around its deadline.
#include "booking/absence.h"

#include <gtest/gtest.h>

namespace guichet::booking {
namespace {

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

TEST(AbsenceWindow, BookedDaysFromTodayOnAndPastDaysWithinTheCommuneDelayMayBeReported) {
    struct Case {
        const char* name;
        const char* day;
        int past_days;
        bool allowed;
    };
    const Case cases[] = {
        {"today", "2025-10-16", 2, true},
        {"a day to come", "2025-12-18", 2, true},
        {"yesterday, within 2 days", "2025-10-15", 2, true},
        {"two days ago, the last one allowed", "2025-10-14", 2, true},
        {"three days ago, past the delay", "2025-10-13", 2, false},
        {"yesterday when the commune allows none", "2025-10-15", 0, false},
        {"a week ago when the commune allows 7 days", "2025-10-09", 7, true},
        {"eight days ago when the commune allows 7 days", "2025-10-08", 7, false},
    };
    for (const Case& c : cases) {
        const auto status = absence_window(day(c.day), day("2025-10-16"), c.past_days);
        EXPECT_EQ(status.has_value(), c.allowed) << c.name;
        if (!status) {
            EXPECT_EQ(status.error().key, "err_absence_window") << c.name;
            EXPECT_EQ(status.error().field, "du") << c.name;
        }
    }
}

TEST(AbsenceBillingFlag, OnlyAnIllnessWithAnAcceptedCertificateIsNotBilled) {
    struct Case {
        const char* name;
        AbsenceReason reason;
        JustificationStatus justification;
        const char* today;
        AbsenceBilling billing;
    };
    // The deadline of every case: 2025-10-26 (absence on the 16th, certificate_days 10).
    const Case cases[] = {
        {"illness, certificate awaited before the deadline", AbsenceReason::illness, JustificationStatus::awaited,
         "2025-10-20", AbsenceBilling::billed_pending_justification},
        {"illness, certificate awaited on the deadline", AbsenceReason::illness, JustificationStatus::awaited,
         "2025-10-26", AbsenceBilling::billed_pending_justification},
        {"illness, certificate awaited past the deadline", AbsenceReason::illness, JustificationStatus::awaited,
         "2025-10-27", AbsenceBilling::billed},
        {"illness, certificate submitted in time, not yet decided, after the deadline", AbsenceReason::illness,
         JustificationStatus::submitted, "2025-11-02", AbsenceBilling::billed_pending_justification},
        {"illness, certificate accepted", AbsenceReason::illness, JustificationStatus::accepted, "2025-11-30",
         AbsenceBilling::not_billed},
        {"illness, certificate refused", AbsenceReason::illness, JustificationStatus::refused, "2025-10-20",
         AbsenceBilling::billed},
        {"personal reasons", AbsenceReason::personal, JustificationStatus::none, "2025-10-20", AbsenceBilling::billed},
        {"medical appointment", AbsenceReason::medical_appointment, JustificationStatus::none, "2025-10-20",
         AbsenceBilling::billed},
        {"other", AbsenceReason::other, JustificationStatus::none, "2025-10-20", AbsenceBilling::billed},
    };
    for (const Case& c : cases) {
        Absence absence;
        absence.day = day("2025-10-16");
        absence.reason = c.reason;
        absence.justification = c.justification;
        if (c.reason == AbsenceReason::illness) {
            absence.justification_deadline = day("2025-10-26");
        }
        EXPECT_EQ(absence_billing(absence, day(c.today)), c.billing) << c.name;
    }
}

TEST(JustificationSteps, ACertificateIsDecidedOnceAndAcceptedOnlyIfBroughtByItsDeadline) {
    struct Case {
        const char* name;
        JustificationStatus from;
        JustificationStep step;
        const char* today;
        const char* reason;
        std::optional<JustificationStatus> to;
        const char* error;
    };
    const Case cases[] = {
        {"accepted at the desk before the deadline", JustificationStatus::awaited, JustificationStep::accept,
         "2025-10-26", "", JustificationStatus::accepted, ""},
        {"awaited, accepted after the deadline", JustificationStatus::awaited, JustificationStep::accept, "2025-10-27",
         "", std::nullopt, "err_justification_late"},
        {"submitted in time, accepted later", JustificationStatus::submitted, JustificationStep::accept, "2025-11-05",
         "", JustificationStatus::accepted, ""},
        {"submitted before the deadline", JustificationStatus::awaited, JustificationStep::submit, "2025-10-20", "",
         JustificationStatus::submitted, ""},
        {"submitted after the deadline", JustificationStatus::awaited, JustificationStep::submit, "2025-10-30", "",
         std::nullopt, "err_justification_late"},
        {"refused with a reason", JustificationStatus::submitted, JustificationStep::refuse, "2025-10-20",
         "Certificat illisible", JustificationStatus::refused, ""},
        {"refused without a reason", JustificationStatus::awaited, JustificationStep::refuse, "2025-10-20", "  ",
         std::nullopt, "err_justification_reason"},
        {"accepted twice", JustificationStatus::accepted, JustificationStep::accept, "2025-10-20", "", std::nullopt,
         "err_justification_decided"},
        {"refused after a refusal", JustificationStatus::refused, JustificationStep::refuse, "2025-10-20", "Non",
         std::nullopt, "err_justification_decided"},
        {"nothing awaited (not an illness)", JustificationStatus::none, JustificationStep::accept, "2025-10-20", "",
         std::nullopt, "err_justification_decided"},
    };
    for (const Case& c : cases) {
        Absence absence;
        absence.reason = AbsenceReason::illness;
        absence.justification = c.from;
        absence.justification_deadline = day("2025-10-26");
        const auto next = advance_justification(absence, c.step, day(c.today), c.reason);
        if (c.to) {
            ASSERT_TRUE(next.has_value()) << c.name << ": " << next.error().key;
            EXPECT_EQ(*next, *c.to) << c.name;
        } else {
            ASSERT_FALSE(next.has_value()) << c.name;
            EXPECT_EQ(next.error().key, c.error) << c.name;
        }
    }
}

TEST(AbsenceNames, EveryReasonAndStatusReadsBackFromItsName) {
    for (AbsenceReason reason :
         {AbsenceReason::illness, AbsenceReason::personal, AbsenceReason::medical_appointment, AbsenceReason::other}) {
        EXPECT_EQ(absence_reason_from_name(absence_reason_name(reason)), reason);
    }
    for (JustificationStatus status :
         {JustificationStatus::none, JustificationStatus::awaited, JustificationStatus::submitted,
          JustificationStatus::accepted, JustificationStatus::refused}) {
        EXPECT_EQ(justification_status_from_name(justification_status_name(status)), status);
    }
    EXPECT_FALSE(absence_reason_from_name("maladie").has_value());
}

}  // namespace
}  // namespace guichet::booking
