#include "catalog/settings.h"

#include <array>
#include <stdexcept>

namespace guichet::catalog {
namespace {

// name, default, min, max. A new setting is one line here, its label "setting_<name>" in assets/i18n/catalog/.
constexpr std::array kSpecs{
    // Waiting lists ([G6]): how long a family has to take a freed place offered to it (never past the day's cut-off).
    SettingSpec{"offer_hours", 24, 1, 168},
    // Absences ([G6]): how many days back a family may still report an absence of a booked day.
    SettingSpec{"absence_past_days", 2, 0, 60},
    // Absences: how many days after the absence a medical certificate may be handed in.
    SettingSpec{"certificate_days", 10, 1, 60},
    // Reminders ([G6]): how many days before a booking deadline the first and the second reminder leave (0: none).
    SettingSpec{"reminder_first_days", 3, 0, 30},
    SettingSpec{"reminder_second_days", 1, 0, 30},
};

}  // namespace

std::span<const SettingSpec> setting_specs() {
    return kSpecs;
}

const SettingSpec* setting_spec(std::string_view name) {
    for (const SettingSpec& spec : kSpecs) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}

int Settings::get(std::string_view name) const {
    const SettingSpec* spec = setting_spec(name);
    if (spec == nullptr) {
        throw std::logic_error("Unknown commune setting: " + std::string(name));
    }
    const auto it = m_values.find(name);
    return it == m_values.end() ? spec->default_value : it->second;
}

core::Status Settings::set(std::string_view name, int value) {
    const SettingSpec* spec = setting_spec(name);
    if (spec == nullptr) {
        return core::fail(
            core::make_error(core::ErrorCode::invalid_input, "err_setting_unknown").with("name", std::string(name)));
    }
    if (value < spec->min || value > spec->max) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_setting_range")
                              .with("name", std::string(name))
                              .with("min", std::to_string(spec->min))
                              .with("max", std::to_string(spec->max)));
    }
    m_values.insert_or_assign(std::string(name), value);
    return {};
}

void Settings::reset(std::string_view name) {
    if (const auto it = m_values.find(name); it != m_values.end()) {
        m_values.erase(it);
    }
}

}  // namespace guichet::catalog
