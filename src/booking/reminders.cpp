#include "booking/reminders.h"

#include <algorithm>

#include "booking/deadline_rules.h"
#include "catalog/service_calendar.h"
#include "core/enum_names.h"

namespace guichet::booking {
namespace {

constexpr core::EnumNames<ReminderStep, 2> kSteps = {
    {{ReminderStep::first, "first"}, {ReminderStep::second, "second"}}};

constexpr std::chrono::microseconds kDay = std::chrono::hours(24);

// True when a day from `first` to `last` of the activity is booked (cancelled days do not count).
bool booked_between(const std::vector<DayBooking>& bookings, core::ActivityId activity, core::CivilDate first,
                    core::CivilDate last) {
    return std::any_of(bookings.begin(), bookings.end(), [&](const DayBooking& booking) {
        return booking.status == BookingStatus::booked && booking.activity == activity && first <= booking.day &&
               booking.day <= last;
    });
}

core::CivilDate first_of_next_month(core::CivilDate day) {
    const core::CivilDate later = day.add_days(32 - static_cast<int>(day.day()));
    return later.add_days(1 - static_cast<int>(later.day()));
}

std::string month_text(core::CivilDate first) {
    return first.to_iso().substr(0, 7);
}

}  // namespace

std::string_view reminder_step_name(ReminderStep step) {
    return core::name_of(kSteps, step);
}

ReminderTiming ReminderTiming::of(const catalog::Settings& settings) {
    return {settings.get("reminder_first_days"), settings.get("reminder_second_days")};
}

std::optional<ReminderStep> step_due(ReminderTiming timing, std::chrono::microseconds remaining) {
    if (remaining <= std::chrono::microseconds(0)) {
        return std::nullopt;
    }
    if (timing.second_days > 0 && remaining <= timing.second_days * kDay) {
        return ReminderStep::second;
    }
    if (timing.first_days > 0 && remaining <= timing.first_days * kDay) {
        return ReminderStep::first;
    }
    return std::nullopt;
}

core::Result<std::vector<DueReminder>> ReminderPlanner::due(const ReminderChild& child,
                                                            const std::vector<Enrolment>& enrolments,
                                                            const std::vector<DayBooking>& bookings,
                                                            core::Instant now) const {
    std::vector<DueReminder> due;
    for (const Enrolment& enrolment : enrolments) {
        if (enrolment.status != EnrolmentStatus::accepted || enrolment.child != child.id) {
            continue;
        }
        auto reminder = enrolment.period.session ? for_session(child, enrolment, bookings, now)
                                                 : for_next_month(child, enrolment, bookings, now);
        if (!reminder) {
            return core::fail(reminder.error());
        }
        if (*reminder) {
            due.push_back(std::move(**reminder));
        }
    }
    std::sort(due.begin(), due.end(),
              [](const DueReminder& a, const DueReminder& b) { return a.deadline_key < b.deadline_key; });
    return due;
}

core::Result<std::optional<DueReminder>> ReminderPlanner::for_session(const ReminderChild& child,
                                                                      const Enrolment& enrolment,
                                                                      const std::vector<DayBooking>& bookings,
                                                                      core::Instant now) const {
    const catalog::HolidaySession* session = m_catalog.session(*enrolment.period.session);
    const catalog::Activity* activity = session != nullptr ? m_catalog.activity(session->activity) : nullptr;
    if (activity == nullptr || session->first_day <= m_zone.today(now) ||
        booked_between(bookings, activity->id, session->first_day, session->last_day)) {
        return std::optional<DueReminder>();
    }
    const DeadlineRules rules(activity->rules, m_zone);
    GUICHET_TRY(judgement, rules.judge({ActivityKind::holiday_session, session->first_day, session->first_day}, now));
    const auto step = step_due(m_timing, judgement.on_time_until - now);
    if (!step) {
        return std::optional<DueReminder>();
    }
    DueReminder reminder;
    reminder.child = child;
    reminder.activity = activity->id;
    reminder.activity_name = activity->name;
    reminder.session = session->id;
    reminder.session_name = session->name;
    reminder.deadline = judgement.on_time_until;
    reminder.days_left = static_cast<int>((judgement.on_time_until - now + kDay - std::chrono::microseconds(1)) / kDay);
    reminder.step = *step;
    reminder.deadline_key = "session-" + std::to_string(session->id.value());
    return std::optional(std::move(reminder));
}

core::Result<std::optional<DueReminder>> ReminderPlanner::for_next_month(const ReminderChild& child,
                                                                         const Enrolment& enrolment,
                                                                         const std::vector<DayBooking>& bookings,
                                                                         core::Instant now) const {
    const catalog::Activity* activity = m_catalog.activity(enrolment.activity);
    if (activity == nullptr || activity->kind != catalog::ActivityKind::school_time || !enrolment.period.school_year) {
        return std::optional<DueReminder>();
    }
    const core::CivilDate first = first_of_next_month(m_zone.today(now));
    const core::CivilDate last = first_of_next_month(first).add_days(-1);
    if (booked_between(bookings, activity->id, first, last)) {
        return std::optional<DueReminder>();
    }
    // The month's first day the activity runs at the child's site, in the school year he is enrolled for.
    const catalog::ServiceCalendar calendar(m_catalog);
    std::optional<core::CivilDate> opening;
    const catalog::SchoolYear* year = nullptr;
    for (core::CivilDate day = first; day <= last && !opening; day = day.add_days(1)) {
        year = calendar.school_year_of(day);
        if (year != nullptr && year->id == *enrolment.period.school_year &&
            calendar.opening(activity->id, enrolment.site, day).open) {
            opening = day;
        }
    }
    if (!opening) {
        return std::optional<DueReminder>();
    }
    const DeadlineRules rules(activity->rules, m_zone);
    GUICHET_TRY(judgement, rules.judge({ActivityKind::school_time, *opening, year->rentree.date}, now));
    const auto step = step_due(m_timing, judgement.on_time_until - now);
    if (!step) {
        return std::optional<DueReminder>();
    }
    DueReminder reminder;
    reminder.child = child;
    reminder.activity = activity->id;
    reminder.activity_name = activity->name;
    reminder.month = first;
    reminder.deadline = judgement.on_time_until;
    reminder.days_left = static_cast<int>((judgement.on_time_until - now + kDay - std::chrono::microseconds(1)) / kDay);
    reminder.step = *step;
    reminder.deadline_key = "month-" + std::to_string(activity->id.value()) + "-" + month_text(first);
    return std::optional(std::move(reminder));
}

}  // namespace guichet::booking
