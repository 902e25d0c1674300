#include "booking/school_event.h"

#include <algorithm>
#include <array>
#include <utility>

namespace guichet::booking {
namespace {

constexpr std::array<std::pair<SchoolEventKind, std::string_view>, 4> kKinds{{
    {SchoolEventKind::strike, "strike"},
    {SchoolEventKind::teacher_absent, "teacher_absent"},
    {SchoolEventKind::school_outing, "school_outing"},
    {SchoolEventKind::closure, "closure"},
}};

}  // namespace

std::string_view school_event_kind_name(SchoolEventKind kind) {
    for (const auto& [value, name] : kKinds) {
        if (value == kind) {
            return name;
        }
    }
    return "closure";
}

std::optional<SchoolEventKind> school_event_kind_from_name(std::string_view name) {
    for (const auto& [value, candidate] : kKinds) {
        if (candidate == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::string_view school_event_status_name(SchoolEventStatus status) {
    return status == SchoolEventStatus::active ? "active" : "undone";
}

std::optional<SchoolEventStatus> school_event_status_from_name(std::string_view name) {
    if (name == "active") {
        return SchoolEventStatus::active;
    }
    if (name == "undone") {
        return SchoolEventStatus::undone;
    }
    return std::nullopt;
}

bool SchoolEvent::covers(core::ActivityId activity, core::SiteId wanted_site, core::CivilDate day) const {
    return status == SchoolEventStatus::active && site == wanted_site && day >= first_day && day <= last_day &&
           std::find(activities.begin(), activities.end(), activity) != activities.end();
}

const SchoolEvent* event_on(const std::vector<SchoolEvent>& events, core::ActivityId activity, core::SiteId site,
                            core::CivilDate day) {
    for (const SchoolEvent& event : events) {
        if (event.covers(activity, site, day)) {
            return &event;
        }
    }
    return nullptr;
}

}  // namespace guichet::booking
