#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/instant.h"
#include "core/result.h"

namespace guichet::booking {

// The life of an enrolment (inscription) of a child in an activity, for a school year or a holiday session. Enrolling
// is not booking: an accepted enrolment only lets the family book the days.
//   requested ──▶ pending ──accept──▶ accepted ──withdraw──▶ withdrawn
//       │            ├──refuse──▶ refused
//       │            └──withdraw──▶ withdrawn
//       └──(the activity needs no agent)──▶ accepted
// Refused and withdrawn are final: the family asks again with a new enrolment.
enum class EnrolmentStatus { pending, accepted, refused, withdrawn };

[[nodiscard]] std::string_view enrolment_status_name(EnrolmentStatus status);
[[nodiscard]] std::optional<EnrolmentStatus> enrolment_status_from_name(std::string_view name);

// The period an enrolment covers: a school year for a school-time activity, one session for a holiday activity.
struct EnrolmentPeriod {
    std::optional<core::SchoolYearId> school_year;
    std::optional<core::HolidaySessionId> session;

    friend bool operator==(const EnrolmentPeriod&, const EnrolmentPeriod&) = default;
};

struct Enrolment {
    core::EnrolmentId id{0};
    core::CommuneId commune{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::ActivityId activity{0};
    EnrolmentPeriod period;
    core::SiteId site{0};  // where the child attends: his school's site, or the centre chosen for a session
    EnrolmentStatus status = EnrolmentStatus::pending;
    std::string refusal_reason;  // the agent's words to the family, when refused
    core::AccountId requested_by{0};
    core::Instant requested_at{};
    std::optional<core::AccountId> decided_by;  // the agent who accepted or refused; the parent who withdrew
    std::optional<core::Instant> decided_at;

    // Pending or accepted: the enrolment holds its place among the child's enrolments (one per activity and period).
    [[nodiscard]] bool active() const {
        return status == EnrolmentStatus::pending || status == EnrolmentStatus::accepted;
    }
};

// One step in the life of an enrolment.
enum class EnrolmentStep { accept, refuse, withdraw };

// Returns the enrolment after `step`, made by `actor` at `at` (`reason`: the refusal's words, required to refuse).
// Fails with conflict "err_enrolment_state" when the step does not apply to the current status, and with
// invalid_input "err_enrolment_reason" (field "reason") when a refusal has no reason.
[[nodiscard]] core::Result<Enrolment> advance(Enrolment enrolment, EnrolmentStep step, core::AccountId actor,
                                              core::Instant at, std::string reason = {});

}  // namespace guichet::booking
