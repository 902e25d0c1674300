#include "catalog/school_year.h"

#include <charconv>

namespace guichet::catalog {

bool SchoolYear::contains(core::CivilDate day) const noexcept {
    return rentree.date <= day && day <= last_day.date;
}

const SchoolHoliday* SchoolYear::holiday_on(core::CivilDate day) const noexcept {
    for (const auto& holiday : holidays) {
        if (holiday.first_day_off.date <= day && day < holiday.resume_day.date)
            return &holiday;
    }
    return nullptr;
}

const DayWithoutSchool* SchoolYear::day_without_school(core::CivilDate day) const noexcept {
    for (const auto& entry : days_without_school) {
        if (entry.day.date == day)
            return &entry;
    }
    return nullptr;
}

bool SchoolYear::has_dates_to_confirm() const noexcept {
    if (rentree.to_be_confirmed || last_day.to_be_confirmed)
        return true;
    for (const auto& holiday : holidays) {
        if (holiday.first_day_off.to_be_confirmed || holiday.resume_day.to_be_confirmed)
            return true;
    }
    for (const auto& entry : days_without_school) {
        if (entry.day.to_be_confirmed)
            return true;
    }
    return false;
}

bool is_school_year_label(std::string_view label) {
    if (label.size() != 9 || label[4] != '-')
        return false;
    int first = 0, second = 0;
    const auto a = std::from_chars(label.data(), label.data() + 4, first);
    const auto b = std::from_chars(label.data() + 5, label.data() + 9, second);
    return a.ec == std::errc{} && a.ptr == label.data() + 4 && b.ec == std::errc{} && b.ptr == label.data() + 9 &&
           second == first + 1;
}

}  // namespace guichet::catalog
