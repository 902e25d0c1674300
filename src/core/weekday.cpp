#include "core/weekday.h"

#include <array>
#include <cstddef>

namespace guichet::core {

namespace {

// Indexed by the enumerator's position, which the enumeration fixes from Monday to Sunday.
constexpr std::array<std::string_view, 7> kNamesFr{"lundi",    "mardi",  "mercredi", "jeudi",
                                                   "vendredi", "samedi", "dimanche"};

}  // namespace

std::string_view weekday_name_fr(Weekday day) noexcept {
    const auto index = static_cast<std::size_t>(day);
    // A value cast from an integer outside the enumeration has no name; an empty view is safer than reading past.
    return index < kNamesFr.size() ? kNamesFr[index] : std::string_view{};
}

}  // namespace guichet::core
