#include "core/public_holidays.h"

#include "core/weekday.h"

namespace guichet::core {

CivilDate easter_sunday(int year) noexcept {
    // Meeus/Jones/Butcher: every intermediate value is small and positive for Gregorian years.
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return CivilDate::from_ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day)).value();
}

std::optional<std::string_view> french_public_holiday(CivilDate day) noexcept {
    const unsigned month = day.month();
    const unsigned dom = day.day();
    struct Fixed {
        unsigned month;
        unsigned day;
        std::string_view name;
    };
    static constexpr Fixed kFixed[] = {
        {1, 1, "jour de l’an"}, {5, 1, "fête du Travail"}, {5, 8, "Victoire 1945"},    {7, 14, "fête nationale"},
        {8, 15, "Assomption"},  {11, 1, "Toussaint"},      {11, 11, "Armistice 1918"}, {12, 25, "Noël"},
    };
    for (const auto& fixed : kFixed) {
        if (fixed.month == month && fixed.day == dom) {
            return fixed.name;
        }
    }
    if (month < 3 || month > 6) {
        return std::nullopt;  // Easter Monday is in March or April, Whit Monday in May or June
    }
    const int after_easter = easter_sunday(day.year()).days_until(day);
    switch (after_easter) {
        case 1:
            return "lundi de Pâques";
        case 39:
            return "Ascension";
        case 50:
            return "lundi de Pentecôte";
        default:
            return std::nullopt;
    }
}

bool is_french_working_day(CivilDate day) noexcept {
    const Weekday weekday = day.weekday();
    return weekday != Weekday::saturday && weekday != Weekday::sunday && !french_public_holiday(day).has_value();
}

}  // namespace guichet::core
