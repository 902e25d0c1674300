#include "catalog/service_calendar.h"

#include "core/enum_names.h"
#include "core/public_holidays.h"

namespace guichet::catalog {
namespace {

constexpr core::EnumNames<NoService, 9> kReasons = {{
    {NoService::weekend, "weekend"},
    {NoService::public_holiday, "public_holiday"},
    {NoService::outside_school_year, "outside_school_year"},
    {NoService::school_holiday, "school_holiday"},
    {NoService::no_school_day, "no_school_day"},
    {NoService::site_not_served, "site_not_served"},
    {NoService::no_session, "no_session"},
    {NoService::not_an_opening_day, "not_an_opening_day"},
    {NoService::closure, "closure"},
}};

bool is_weekend(core::CivilDate day) {
    const auto weekday = day.weekday();
    return weekday == core::Weekday::saturday || weekday == core::Weekday::sunday;
}

}  // namespace

std::string_view no_service_name(NoService reason) {
    return core::name_of(kReasons, reason);
}

const SchoolYear* ServiceCalendar::school_year_of(core::CivilDate day) const noexcept {
    for (const auto& year : m_catalog.school_years) {
        if (year.contains(day))
            return &year;
    }
    return nullptr;
}

const Closure* ServiceCalendar::closure_on(core::ActivityId activity, core::SiteId site,
                                           core::CivilDate day) const noexcept {
    for (const auto& closure : m_catalog.closures) {
        if (closure.day == day && closure.applies_to(activity, site))
            return &closure;
    }
    return nullptr;
}

Opening ServiceCalendar::opening(core::ActivityId activity_id, core::SiteId site, core::CivilDate day) const {
    const Activity* activity = m_catalog.activity(activity_id);
    if (activity == nullptr || m_catalog.site(site) == nullptr)
        return Opening::no(NoService::site_not_served);
    if (is_weekend(day))
        return Opening::no(NoService::weekend);
    if (core::french_public_holiday(day))
        return Opening::no(NoService::public_holiday);
    Opening answer = activity->kind == ActivityKind::school_time ? school_time(*activity, site, day)
                                                                 : holiday_time(*activity, site, day);
    if (answer.open && closure_on(activity_id, site, day) != nullptr)
        return Opening::no(NoService::closure);
    return answer;
}

Opening ServiceCalendar::school_time(const Activity& activity, core::SiteId site, core::CivilDate day) const {
    const SchoolYear* year = school_year_of(day);
    if (year == nullptr)
        return Opening::no(NoService::outside_school_year);
    if (year->holiday_on(day) != nullptr)
        return Opening::no(NoService::school_holiday);
    if (year->day_without_school(day) != nullptr)
        return Opening::no(NoService::no_school_day);
    if (!activity.capacity_at(site))
        return Opening::no(NoService::site_not_served);
    if (!activity.weekdays.contains(day.weekday()))
        return Opening::no(NoService::not_an_opening_day);
    return Opening::yes();
}

Opening ServiceCalendar::holiday_time(const Activity& activity, core::SiteId site, core::CivilDate day) const {
    bool covered = false;
    for (const auto& session : m_catalog.sessions) {
        if (session.activity != activity.id || !session.covers(day))
            continue;
        covered = true;
        if (!session.capacity_at(site))
            continue;
        if (!session.weekdays.contains(day.weekday()))
            return Opening::no(NoService::not_an_opening_day);
        return Opening::yes(session.id);
    }
    return Opening::no(covered ? NoService::site_not_served : NoService::no_session);
}

int ServiceCalendar::capacity(core::ActivityId activity_id, core::SiteId site, core::CivilDate day) const {
    const Opening answer = opening(activity_id, site, day);
    if (!answer.open)
        return 0;
    if (answer.session) {
        const HolidaySession* session = m_catalog.session(*answer.session);
        return session != nullptr ? session->capacity_at(site).value_or(0) : 0;
    }
    const Activity* activity = m_catalog.activity(activity_id);
    return activity != nullptr ? activity->capacity_at(site).value_or(0) : 0;
}

}  // namespace guichet::catalog
