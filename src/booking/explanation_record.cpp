#include "booking/explanation_record.h"

#include <variant>

namespace guichet::booking {

namespace {

ExplanationRecord::Surcharge surcharge_record(const catalog::Surcharge& surcharge) {
    if (const auto* flat = std::get_if<catalog::FlatSurcharge>(&surcharge)) {
        return {"cents", flat->amount.cents()};
    }
    return {"percent", std::get<catalog::PercentSurcharge>(surcharge).percent};
}

}  // namespace

ExplanationRecord ExplanationRecord::of(const Explanation& explanation, const core::TimeZone& zone) {
    const Judgement& judgement = explanation.judgement;
    ExplanationRecord record;
    record.decision = std::string(decision_name(explanation.decision));
    record.deadline = zone.to_iso_with_offset(judgement.on_time_until);
    record.cutoff = zone.to_iso_with_offset(judgement.cutoff);
    if (explanation.decision == Decision::late && judgement.surcharge.has_value()) {
        record.surcharge = surcharge_record(*judgement.surcharge);
    }
    record.cancellation = std::string(cancellation_decision_name(judgement.cancellation));
    record.free_cancellation_until = zone.to_iso_with_offset(judgement.free_cancellation_until);
    record.reason = explanation.reason;
    record.cancellation_reason = explanation.cancellation_reason;
    return record;
}

}  // namespace guichet::booking
