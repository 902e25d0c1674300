#include "booking/enrolment.h"

#include "core/enum_names.h"
#include "core/text.h"

namespace guichet::booking {
namespace {

constexpr core::EnumNames<EnrolmentStatus, 4> kStatuses = {{{EnrolmentStatus::pending, "pending"},
                                                            {EnrolmentStatus::accepted, "accepted"},
                                                            {EnrolmentStatus::refused, "refused"},
                                                            {EnrolmentStatus::withdrawn, "withdrawn"}}};

}  // namespace

std::string_view enrolment_status_name(EnrolmentStatus status) {
    return core::name_of(kStatuses, status);
}

std::optional<EnrolmentStatus> enrolment_status_from_name(std::string_view name) {
    return core::value_of(kStatuses, name);
}

core::Result<Enrolment> advance(Enrolment enrolment, EnrolmentStep step, core::AccountId actor, core::Instant at,
                                std::string reason) {
    const EnrolmentStatus from = enrolment.status;
    switch (step) {
        case EnrolmentStep::accept:
        case EnrolmentStep::refuse:
            if (from != EnrolmentStatus::pending) {
                return core::fail(core::ErrorCode::conflict, "err_enrolment_state");
            }
            break;
        case EnrolmentStep::withdraw:
            if (!enrolment.active()) {
                return core::fail(core::ErrorCode::conflict, "err_enrolment_state");
            }
            break;
    }
    if (step == EnrolmentStep::refuse) {
        reason = core::trim(reason);
        if (reason.empty()) {
            return core::fail(core::ErrorCode::invalid_input, "err_enrolment_reason", "reason");
        }
        enrolment.refusal_reason = std::move(reason);
    }
    enrolment.status = step == EnrolmentStep::accept   ? EnrolmentStatus::accepted
                       : step == EnrolmentStep::refuse ? EnrolmentStatus::refused
                                                       : EnrolmentStatus::withdrawn;
    enrolment.decided_by = actor;
    enrolment.decided_at = at;
    return enrolment;
}

}  // namespace guichet::booking
