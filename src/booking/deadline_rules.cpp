#include "booking/deadline_rules.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "booking/deadline_instant.h"
#include "core/local_date_time.h"
#include "core/local_time.h"

namespace guichet::booking {

namespace {

// The window closes at the last second of its day: bookings made on 30 September at 23:59:59 are still in it.
const core::LocalTime kEndOfDay = core::LocalTime::from_seconds_since_midnight(24 * 60 * 60 - 1);

// The day the on-time and free-cancellation deadlines count from.
core::CivilDate reference_day(const BookedDay& booked) {
    return booked.kind == ActivityKind::holiday_session ? booked.period_start : booked.day;
}

BookingDecision booking_decision(core::Instant at, core::Instant on_time_until, core::Instant cutoff) {
    if (at > cutoff) {
        return BookingDecision::closed;
    }
    return at <= on_time_until ? BookingDecision::on_time : BookingDecision::late;
}

CancellationDecision cancellation_decision(core::Instant at, core::Instant free_until, core::Instant cutoff) {
    if (at > cutoff) {
        return CancellationDecision::closed;
    }
    return at <= free_until ? CancellationDecision::free : CancellationDecision::billed;
}

}  // namespace

DeadlineRules::DeadlineRules(catalog::ActivityRules rules, core::TimeZone zone)
    : m_rules(std::move(rules)), m_zone(zone) {}

core::Result<Judgement> DeadlineRules::judge(const BookedDay& booked, core::Instant at) const {
    if (booked.period_start > booked.day) {
        return core::fail(core::ErrorCode::invalid_input, "err_booking_day_before_period");
    }
    GUICHET_TRY(cutoff, deadline_instant(m_rules.booking.cutoff, booked.day, m_zone));
    GUICHET_TRY(on_time, on_time_until(booked, cutoff));
    GUICHET_TRY(free_until, deadline_instant(m_rules.cancellation.free_until, reference_day(booked), m_zone));
    // Deadlines are whole seconds: the second an instant falls in decides, so that 23:59:59.400 is still 23:59:59.
    const core::Instant second = std::chrono::floor<std::chrono::seconds>(at);

    Judgement judgement;
    judgement.cutoff = cutoff;
    judgement.on_time_until = on_time;
    // When late cancellations are not billed, every cancellation until the cut-off is free.
    const bool billed = m_rules.cancellation.late_cancellation_billed;
    judgement.free_cancellation_until = billed ? std::min(free_until, cutoff) : cutoff;
    judgement.booking = booking_decision(second, on_time, cutoff);
    if (judgement.booking == BookingDecision::late) {
        judgement.surcharge = m_rules.booking.late_surcharge;
    }
    judgement.cancellation = cancellation_decision(second, judgement.free_cancellation_until, cutoff);
    return judgement;
}

core::Result<core::Instant> DeadlineRules::on_time_until(const BookedDay& booked, core::Instant cutoff) const {
    GUICHET_TRY(until, deadline_instant(m_rules.booking.on_time, reference_day(booked), m_zone));
    const auto& window = m_rules.booking.rentree_window;
    // Holiday sessions keep their own deadline even when the rules carry a window.
    if (booked.kind == ActivityKind::school_time && window.has_value()) {
        GUICHET_TRY(window_end, rentree_window_end(*window, booked.period_start));
        until = std::max(until, window_end);
    }
    // A deadline past the cut-off would promise an on-time booking of a day that is already closed.
    return std::min(until, cutoff);
}

core::Result<core::Instant> DeadlineRules::rentree_window_end(const catalog::BookingRule::MonthDay& window,
                                                              core::CivilDate school_year_start) const {
    const auto last_day = core::CivilDate::from_ymd(school_year_start.year(), window.month, window.day);
    if (!last_day) {
        return core::fail(core::ErrorCode::invalid_input, "err_booking_rentree_window_day");
    }
    return m_zone.to_instant(core::LocalDateTime(*last_day, kEndOfDay), core::TimeZone::RepeatedReading::later);
}

}  // namespace guichet::booking
