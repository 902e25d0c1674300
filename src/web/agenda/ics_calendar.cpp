#include "web/agenda/ics_calendar.h"

#include <libical/ical.h>

#include <memory>
#include <mutex>

namespace guichet::web {
namespace {

// libical keeps process-wide state (its time zone cache, the UTC zone): one calendar at a time.
std::mutex g_libical;

struct ComponentFree {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype date_of(core::CivilDate day) {
    icaltimetype time = icaltime_null_date();
    time.year = day.year();
    time.month = static_cast<int>(day.month());
    time.day = static_cast<int>(day.day());
    time.is_date = 1;
    return time;
}

icaltimetype utc_of(core::Instant instant) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
    return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0, icaltimezone_get_utc_timezone());
}

void add_x(icalcomponent* component, const char* name, const std::string& value) {
    icalproperty* property = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(property, name);
    icalcomponent_add_property(component, property);
}

}  // namespace

std::string ics_calendar(const booking::FeedContent& content, const IcsCalendarInfo& info) {
    const std::lock_guard lock(g_libical);
    Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Guichet//Portail famille//FR"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    add_x(calendar.get(), "X-WR-CALNAME", std::string(info.name));
    // Every event is a whole day (a DATE, the same wherever the reader is) and every instant (DTSTAMP, CREATED) is
    // in UTC, so no VTIMEZONE is needed; the commune's zone is named for the applications that show one.
    add_x(calendar.get(), "X-WR-TIMEZONE", std::string(info.time_zone));
    const icaltimetype stamp = utc_of(info.now);
    for (const booking::FeedEvent& event : content.events) {
        icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        const std::string uid = "booking-" + std::to_string(event.booking.value()) + "@" + std::string(info.uid_domain);
        icalcomponent_add_property(vevent, icalproperty_new_uid(uid.c_str()));
        icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
        icalcomponent_add_property(vevent, icalproperty_new_created(utc_of(event.booked_at)));
        icalcomponent_add_property(vevent, icalproperty_new_dtstart(date_of(event.day)));
        icalcomponent_add_property(vevent, icalproperty_new_dtend(date_of(event.day.add_days(1))));
        const std::string summary = event.child_name + " — " + event.activity_name;
        icalcomponent_add_property(vevent, icalproperty_new_summary(summary.c_str()));
        icalcomponent_add_property(vevent, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
        icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        icalcomponent_add_component(calendar.get(), vevent);
    }
    char* text = icalcomponent_as_ical_string_r(calendar.get());
    std::string result = text != nullptr ? text : "";
    free(text);
    return result;
}

}  // namespace guichet::web
