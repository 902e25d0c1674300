#include "booking/explanation.h"

#include <string>
#include <variant>

#include "core/enum_names.h"

namespace guichet::booking {

namespace {

constexpr core::EnumNames<Decision, 6> kDecisionNames{{
    {Decision::on_time, "on_time"},
    {Decision::late, "late"},
    {Decision::closed, "closed"},
    {Decision::full, "full"},
    {Decision::not_enrolled, "not_enrolled"},
    {Decision::no_service, "no_service"},
}};

// French typography puts a no-break space between a number and the percent sign, as Money does before the euro.
std::string surcharge_text(const catalog::Surcharge& surcharge) {
    if (const auto* flat = std::get_if<catalog::FlatSurcharge>(&surcharge)) {
        return flat->amount.format_fr();
    }
    return std::to_string(std::get<catalog::PercentSurcharge>(surcharge).percent) + "\u00A0%";
}

Decision decision_of(const Judgement& judgement, const DayCircumstances& circumstances) {
    if (circumstances.no_service.has_value()) {
        return Decision::no_service;
    }
    if (circumstances.enrolment == EnrolmentState::not_enrolled) {
        return Decision::not_enrolled;
    }
    if (judgement.booking == BookingDecision::closed) {
        return Decision::closed;
    }
    if (circumstances.availability == Availability::full) {
        return Decision::full;
    }
    return judgement.booking == BookingDecision::late ? Decision::late : Decision::on_time;
}

Reason booking_reason_of(Decision decision, const Judgement& judgement, const DayCircumstances& circumstances,
                         const core::TimeZone& zone) {
    const std::string deadline = zone.to_local(judgement.on_time_until).format_fr();
    const std::string cutoff = zone.to_local(judgement.cutoff).format_fr();
    switch (decision) {
        case Decision::no_service:
            return circumstances.no_service->reason;
        case Decision::not_enrolled:
            return {"booking_reason_not_enrolled", {}};
        case Decision::closed:
            return {"booking_reason_closed", {{"cutoff", cutoff}}};
        case Decision::full:
            return {"booking_reason_full", {{"cutoff", cutoff}}};
        case Decision::late: {
            const std::string surcharge = judgement.surcharge ? surcharge_text(*judgement.surcharge) : std::string();
            return {"booking_reason_late", {{"surcharge", surcharge}, {"deadline", deadline}, {"cutoff", cutoff}}};
        }
        case Decision::on_time:
            break;
    }
    return {"booking_reason_on_time", {{"deadline", deadline}, {"cutoff", cutoff}}};
}

Reason cancellation_reason_of(const Judgement& judgement, const core::TimeZone& zone) {
    switch (judgement.cancellation) {
        case CancellationDecision::free:
            return {"booking_cancellation_free",
                    {{"free_until", zone.to_local(judgement.free_cancellation_until).format_fr()}}};
        case CancellationDecision::billed:
            return {"booking_cancellation_billed", {{"cutoff", zone.to_local(judgement.cutoff).format_fr()}}};
        case CancellationDecision::closed:
            break;
    }
    return {"booking_cancellation_closed", {{"cutoff", zone.to_local(judgement.cutoff).format_fr()}}};
}

}  // namespace

std::string_view decision_name(Decision decision) noexcept {
    return core::name_of(kDecisionNames, decision);
}

Explanation Explanation::of(const Judgement& judgement, const DayCircumstances& circumstances,
                            const core::TimeZone& zone) {
    Explanation explanation;
    explanation.decision = decision_of(judgement, circumstances);
    explanation.reason = booking_reason_of(explanation.decision, judgement, circumstances, zone);
    explanation.cancellation_reason = cancellation_reason_of(judgement, zone);
    explanation.judgement = judgement;
    return explanation;
}

}  // namespace guichet::booking
