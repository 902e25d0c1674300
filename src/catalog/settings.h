#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace guichet::catalog {

// One setting a commune may change (the catalogue file's "settings" member, the back office's catalogue page): a
// whole number with its default and its bounds. The list is settings.cpp's, one line per setting.
struct SettingSpec {
    std::string_view name;  // "offer_hours": the file's key, also the catalogue key "setting_<name>" of its label
    int default_value;
    int min;
    int max;
};

// Every setting a commune may change, by name.
[[nodiscard]] std::span<const SettingSpec> setting_specs();
// The setting with this name, or nullptr.
[[nodiscard]] const SettingSpec* setting_spec(std::string_view name);

// A commune's settings: the values it set, the defaults for the others.
class Settings {
  public:
    // The commune's value, or the default. REQUIRES: a name of setting_specs() (std::logic_error otherwise: a
    // programming error, never an input).
    [[nodiscard]] int get(std::string_view name) const;
    // Sets a value. Fails (invalid, "err_setting_unknown" / "err_setting_range" with min and max) for a name not in
    // setting_specs() or a value out of its bounds, changing nothing.
    [[nodiscard]] core::Status set(std::string_view name, int value);
    // Goes back to the default.
    void reset(std::string_view name);
    // The values the commune set, by name (the defaults are not in it).
    [[nodiscard]] const std::map<std::string, int, std::less<>>& explicit_values() const noexcept { return m_values; }

    friend bool operator==(const Settings&, const Settings&) = default;

  private:
    std::map<std::string, int, std::less<>> m_values;
};

}  // namespace guichet::catalog
