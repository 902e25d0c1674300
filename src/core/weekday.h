#pragma once

#include <string_view>

namespace guichet::core {

// A day of the week, in the French (and ISO 8601) order that starts on Monday. Opening hours, school days and
// canteen menus are all keyed by it.
enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

// Returns the French name of `day` in lower case, as written inside a sentence: "lundi", "mardi", ... "dimanche".
// The returned view points to static storage and is UTF-8 (no name needs a non-ASCII letter today).
[[nodiscard]] std::string_view weekday_name_fr(Weekday day) noexcept;

}  // namespace guichet::core
