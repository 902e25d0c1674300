#include "catalog/weekdays.h"

#include <array>

namespace guichet::catalog {
namespace {

constexpr std::array<std::string_view, 7> kCodes = {"monday", "tuesday",  "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};

std::uint8_t bit(core::Weekday day) {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(day));
}

}  // namespace

Weekdays::Weekdays(std::initializer_list<core::Weekday> days) noexcept {
    for (const auto day : days)
        add(day);
}

Weekdays Weekdays::monday_to_friday() noexcept {
    using core::Weekday;
    return {Weekday::monday, Weekday::tuesday, Weekday::wednesday, Weekday::thursday, Weekday::friday};
}

bool Weekdays::contains(core::Weekday day) const noexcept {
    return (m_bits & bit(day)) != 0;
}

void Weekdays::add(core::Weekday day) noexcept {
    m_bits = static_cast<std::uint8_t>(m_bits | bit(day));
}

std::vector<core::Weekday> Weekdays::days() const {
    std::vector<core::Weekday> result;
    for (unsigned i = 0; i < 7; ++i) {
        if (contains(static_cast<core::Weekday>(i)))
            result.push_back(static_cast<core::Weekday>(i));
    }
    return result;
}

std::string_view weekday_code(core::Weekday day) {
    return kCodes[static_cast<unsigned>(day)];
}

std::optional<core::Weekday> weekday_from_code(std::string_view code) {
    for (unsigned i = 0; i < kCodes.size(); ++i) {
        if (kCodes[i] == code)
            return static_cast<core::Weekday>(i);
    }
    return std::nullopt;
}

}  // namespace guichet::catalog
