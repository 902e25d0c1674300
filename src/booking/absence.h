#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "booking/day_booking.h"
#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"
#include "core/result.h"

namespace guichet::booking {

// A booked day the family said the child would miss.
using AbsenceId = core::Id<struct AbsenceTag>;

// Why the child misses a booked day (motif d'absence): maladie, convenance personnelle, rendez-vous médical, autre
// (with the family's own words).
enum class AbsenceReason { illness, personal, medical_appointment, other };

// The medical certificate (certificat médical) of an illness:
//   awaited ──submit──▶ submitted ──accept──▶ accepted
//      │                    └──────refuse──▶ refused (with the agent's reason)
//      └──accept / refuse (the family brought the paper to the desk)
// Other reasons need none (status none).
enum class JustificationStatus { none, awaited, submitted, accepted, refused };
enum class JustificationStep { submit, accept, refuse };

// Whether an absent day is billed, as billing reads it: billed; billed unless a certificate is accepted by its
// deadline (an illness whose certificate is awaited or not yet decided); not billed (certificate accepted).
enum class AbsenceBilling { billed, billed_pending_justification, not_billed };

[[nodiscard]] std::string_view absence_reason_name(AbsenceReason reason);
[[nodiscard]] std::optional<AbsenceReason> absence_reason_from_name(std::string_view name);
[[nodiscard]] std::string_view justification_status_name(JustificationStatus status);
[[nodiscard]] std::optional<JustificationStatus> justification_status_from_name(std::string_view name);
[[nodiscard]] std::string_view absence_billing_name(AbsenceBilling billing);

// One booked day the child misses. An absence is not a cancellation: the booking stays booked (attendance and
// billing read it) and this row says why the child was away and whether the day is billed.
struct Absence {
    AbsenceId id{0};
    core::CommuneId commune{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::BookingId booking{0};
    core::ActivityId activity{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    AbsenceReason reason = AbsenceReason::other;
    std::string note;  // the family's words (required for "autre")
    BookingChannel channel = BookingChannel::portal;
    core::AccountId reported_by{0};
    core::Instant reported_at{};
    JustificationStatus justification = JustificationStatus::none;
    // For an illness: the last day the certificate may be brought (the absence's last day + certificate_days).
    std::optional<core::CivilDate> justification_deadline;
    // The uploaded certificate ([G7] documents); none until then.
    std::optional<long long> document_id;
    std::optional<core::AccountId> decided_by;
    std::optional<core::Instant> decided_at;
    std::string refusal_reason;

    friend bool operator==(const Absence&, const Absence&) = default;
};

// Whether a booked day may be reported absent on `today`: from today on, and back `past_days` days (the commune's
// absence_past_days). Fails with invalid_input "err_absence_window" (field "du") otherwise.
[[nodiscard]] core::Status absence_window(core::CivilDate day, core::CivilDate today, int past_days);

// The billing flag of an absent day on `today` (pure): other reasons and refused certificates are billed; an
// illness is billed pending its certificate until its deadline, billed once the deadline passed without an accepted
// certificate, not billed once it is accepted.
[[nodiscard]] AbsenceBilling absence_billing(const Absence& absence, core::CivilDate today);

// The justification after `step` on `today`, or an error, changing nothing: conflict "err_justification_decided"
// when the step does not apply to the status (decided already, or nothing awaited), invalid_input
// "err_justification_late" when a certificate is submitted or accepted while still awaited after its deadline,
// invalid_input "err_justification_reason" (field "motif") for a refusal without a reason.
[[nodiscard]] core::Result<JustificationStatus> advance_justification(const Absence& absence, JustificationStep step,
                                                                      core::CivilDate today,
                                                                      std::string_view refusal_reason);

}  // namespace guichet::booking
