#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "core/weekday.h"

namespace guichet::catalog {

// A set of days of the week: the days an activity or a session opens.
class Weekdays {
  public:
    constexpr Weekdays() noexcept = default;
    Weekdays(std::initializer_list<core::Weekday> days) noexcept;

    // Monday to Friday, the default days of a holiday session.
    [[nodiscard]] static Weekdays monday_to_friday() noexcept;

    [[nodiscard]] bool contains(core::Weekday day) const noexcept;
    void add(core::Weekday day) noexcept;
    [[nodiscard]] bool empty() const noexcept { return m_bits == 0; }
    // The days in the set, Monday first.
    [[nodiscard]] std::vector<core::Weekday> days() const;

    friend bool operator==(Weekdays, Weekdays) noexcept = default;

  private:
    std::uint8_t m_bits = 0;
};

// The English names the catalogue file and the database use: "monday" … "sunday".
[[nodiscard]] std::string_view weekday_code(core::Weekday day);
[[nodiscard]] std::optional<core::Weekday> weekday_from_code(std::string_view code);

}  // namespace guichet::catalog
