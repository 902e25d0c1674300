#include "web/booking/booking_api_json.h"

#include "booking/explanation_record.h"

namespace guichet::web {
namespace {

nlohmann::json activity_json(const catalog::Activity& activity) {
    return {{"id", activity.id.value()},
            {"code", activity.code},
            {"name", activity.name},
            {"unit_price_cents", activity.unit_price.cents()}};
}

nlohmann::json dates_json(const std::vector<core::CivilDate>& days) {
    nlohmann::json dates = nlohmann::json::array();
    for (core::CivilDate day : days) {
        dates.push_back(day.to_iso());
    }
    return dates;
}

}  // namespace

std::string BookingApiJson::sentence(const booking::Reason& reason) const {
    return m_catalogue.text(m_language, reason.key, reason.variables);
}

nlohmann::json BookingApiJson::explanation(const booking::Explanation& explanation) const {
    const booking::ExplanationRecord record = booking::ExplanationRecord::of(explanation, m_zone);
    nlohmann::json json = {
        {"decision", record.decision},         {"reason", sentence(record.reason)},
        {"deadline", record.deadline},         {"cutoff", record.cutoff},
        {"cancellation", record.cancellation}, {"free_cancellation_until", record.free_cancellation_until}};
    if (record.surcharge) {
        json["surcharge"] = {{std::string(record.surcharge->unit), record.surcharge->value}};
    }
    return json;
}

nlohmann::json BookingApiJson::month(const booking::ChildMonth& month) const {
    nlohmann::json activities = nlohmann::json::array();
    for (const booking::ActivityMonth& entry : month.activities) {
        nlohmann::json days = nlohmann::json::array();
        for (const booking::CalendarDay& day : entry.days) {
            nlohmann::json json = explanation(day.explanation);
            json["date"] = day.day.to_iso();
            json["booked"] = day.booking.has_value();
            const bool bookable = day.explanation.decision == booking::Decision::on_time ||
                                  day.explanation.decision == booking::Decision::late;
            // What booking the day costs now; nothing for a day that cannot be booked.
            json["price_cents"] = bookable ? nlohmann::json(day.price.cents()) : nlohmann::json(nullptr);
            if (day.booking) {
                json["booking_id"] = day.booking->id.value();
                json["cancellation_reason"] = sentence(day.explanation.cancellation_reason);
            }
            days.push_back(std::move(json));
        }
        nlohmann::json activity = activity_json(entry.activity);
        activity["site"] = entry.site.value();
        activity["days"] = std::move(days);
        activities.push_back(std::move(activity));
    }
    return {{"child", month.child.value()},
            {"month", month.first_day.to_iso().substr(0, 7)},
            {"activities", std::move(activities)}};
}

nlohmann::json BookingApiJson::booking_summary(const booking::BookingPlan& plan) const {
    nlohmann::json lines = nlohmann::json::array();
    for (const booking::BookingSummary::Line& line : plan.summary.lines) {
        nlohmann::json json = explanation(line.explanation);
        json["day"] = line.day.to_iso();
        json["price_cents"] = line.price ? nlohmann::json(line.price->cents()) : nlohmann::json(nullptr);
        lines.push_back(std::move(json));
    }
    return {{"activity", activity_json(plan.activity)},
            {"lines", std::move(lines)},
            {"already_booked", dates_json(plan.already_booked)},
            {"counts",
             {{"on_time", plan.summary.on_time_count},
              {"late", plan.summary.late_count},
              {"refused", plan.summary.refused_count}}},
            {"total_cents", plan.summary.total.cents()},
            {"fingerprint", plan.fingerprint}};
}

nlohmann::json BookingApiJson::cancellation_summary(const booking::CancellationPlan& plan) const {
    nlohmann::json lines = nlohmann::json::array();
    core::Money total = core::Money::from_cents(0);
    for (const booking::CancellationLine& line : plan.lines) {
        const std::string decision(booking::cancellation_decision_name(line.decision));
        lines.push_back({{"day", line.booking.day.to_iso()},
                         {"booking_id", line.booking.id.value()},
                         {"decision", decision},
                         {"reason", m_catalogue.text(m_language, "booking_cancel_" + decision)},
                         {"billed_cents", line.billed.cents()}});
        if (line.decision != booking::CancellationDecision::closed) {
            total = total + line.billed;
        }
    }
    return {{"activity", activity_json(plan.activity)},
            {"lines", std::move(lines)},
            {"not_booked", dates_json(plan.not_booked)},
            {"counts", {{"free", plan.free_count}, {"billed", plan.billed_count}, {"closed", plan.closed_count}}},
            {"billed_total_cents", total.cents()},
            {"fingerprint", plan.fingerprint}};
}

}  // namespace guichet::web
