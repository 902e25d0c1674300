#pragma once

#include <optional>
#include <string_view>

#include "core/civil_date.h"

namespace guichet::core {

// The French public holidays (jours fériés) of metropolitan France, as the Code du travail (L3133-1) lists them:
// 1 January, Easter Monday, 1 May, 8 May, Ascension (Easter + 39), Whit Monday (Easter + 50), 14 July, 15 August,
// 1 November, 11 November, 25 December. Alsace-Moselle's two extra days are not included.

// Returns Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus), for years 1583..9999.
[[nodiscard]] CivilDate easter_sunday(int year) noexcept;

// Returns the French name of the public holiday falling on `day` ("lundi de Pâques", "Ascension", …), or nothing when
// `day` is not one. The view points to static storage (UTF-8).
[[nodiscard]] std::optional<std::string_view> french_public_holiday(CivilDate day) noexcept;

// True for Monday to Friday when it is not a French public holiday: the days a delay "in working days" counts.
[[nodiscard]] bool is_french_working_day(CivilDate day) noexcept;

}  // namespace guichet::core
