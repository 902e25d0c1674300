#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace guichet::core {

// The stable names of an enumeration's values (as stored in the database and sent in forms), in one table:
// name_of and value_of read it both ways.
template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// Returns the name of a value; the first name of the table for a value it lacks (a programming error).
template <class Enum, std::size_t N>
[[nodiscard]] constexpr std::string_view name_of(const EnumNames<Enum, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value)
            return name;
    }
    return names.front().second;
}

// Returns the value with this name, or std::nullopt for a name the table lacks (input from outside).
template <class Enum, std::size_t N>
[[nodiscard]] constexpr std::optional<Enum> value_of(const EnumNames<Enum, N>& names, std::string_view name) {
    for (const auto& [candidate, known] : names) {
        if (known == name)
            return candidate;
    }
    return std::nullopt;
}

}  // namespace guichet::core
