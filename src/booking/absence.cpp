#include "booking/absence.h"

#include <array>
#include <utility>

namespace guichet::booking {
namespace {

constexpr std::array<std::pair<AbsenceReason, std::string_view>, 4> kReasons{{
    {AbsenceReason::illness, "illness"},
    {AbsenceReason::personal, "personal"},
    {AbsenceReason::medical_appointment, "medical_appointment"},
    {AbsenceReason::other, "other"},
}};

constexpr std::array<std::pair<JustificationStatus, std::string_view>, 5> kStatuses{{
    {JustificationStatus::none, "none"},
    {JustificationStatus::awaited, "awaited"},
    {JustificationStatus::submitted, "submitted"},
    {JustificationStatus::accepted, "accepted"},
    {JustificationStatus::refused, "refused"},
}};

template <class Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return "";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_in(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view name) {
    for (const auto& [value, candidate] : names) {
        if (candidate == name) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view absence_reason_name(AbsenceReason reason) {
    return name_in(kReasons, reason);
}

std::optional<AbsenceReason> absence_reason_from_name(std::string_view name) {
    return value_in(kReasons, name);
}

std::string_view justification_status_name(JustificationStatus status) {
    return name_in(kStatuses, status);
}

std::optional<JustificationStatus> justification_status_from_name(std::string_view name) {
    return value_in(kStatuses, name);
}

std::string_view absence_billing_name(AbsenceBilling billing) {
    switch (billing) {
        case AbsenceBilling::billed:
            return "billed";
        case AbsenceBilling::billed_pending_justification:
            return "billed_pending_justification";
        case AbsenceBilling::not_billed:
            return "not_billed";
    }
    return "billed";
}

core::Status absence_window(core::CivilDate day, core::CivilDate today, int past_days) {
    if (day < today.add_days(-past_days)) {
        return core::fail(core::ErrorCode::invalid_input, "err_absence_window", "du");
    }
    return {};
}

AbsenceBilling absence_billing(const Absence& absence, core::CivilDate today) {
    if (absence.reason != AbsenceReason::illness) {
        return AbsenceBilling::billed;
    }
    switch (absence.justification) {
        case JustificationStatus::accepted:
            return AbsenceBilling::not_billed;
        case JustificationStatus::refused:
        case JustificationStatus::none:
            return AbsenceBilling::billed;
        case JustificationStatus::submitted:
            // Brought in time: billing waits for the agent's decision.
            return AbsenceBilling::billed_pending_justification;
        case JustificationStatus::awaited:
            if (absence.justification_deadline && today > *absence.justification_deadline) {
                return AbsenceBilling::billed;
            }
            return AbsenceBilling::billed_pending_justification;
    }
    return AbsenceBilling::billed;
}

core::Result<JustificationStatus> advance_justification(const Absence& absence, JustificationStep step,
                                                        core::CivilDate today, std::string_view refusal_reason) {
    const JustificationStatus status = absence.justification;
    if (status != JustificationStatus::awaited && status != JustificationStatus::submitted) {
        return core::fail(core::ErrorCode::conflict, "err_justification_decided");
    }
    const bool late = absence.justification_deadline && today > *absence.justification_deadline;
    switch (step) {
        case JustificationStep::submit:
            if (status != JustificationStatus::awaited) {
                return core::fail(core::ErrorCode::conflict, "err_justification_decided");
            }
            if (late) {
                return core::fail(core::ErrorCode::invalid_input, "err_justification_late");
            }
            return JustificationStatus::submitted;
        case JustificationStep::accept:
            // A certificate submitted in time may be accepted later; one still awaited after its deadline may not.
            if (status == JustificationStatus::awaited && late) {
                return core::fail(core::ErrorCode::invalid_input, "err_justification_late");
            }
            return JustificationStatus::accepted;
        case JustificationStep::refuse:
            if (refusal_reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
                return core::fail(core::ErrorCode::invalid_input, "err_justification_reason", "motif");
            }
            return JustificationStatus::refused;
    }
    return core::fail(core::ErrorCode::conflict, "err_justification_decided");
}

}  // namespace guichet::booking
