#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace guichet::booking {

// Why a decision was taken, as a person reads it: the catalogue key of a sentence (assets/i18n/booking) and the values
// its braces name, e.g. "booking_reason_on_time" with deadline = "01/10/2026 à 23:59". Domain code never builds the
// sentence itself; the web layer and the command line look the key up in the reader's language. The variables are
// the same name and value pairs that fill an error's message, so one catalogue call renders both.
struct Reason {
    std::string key;
    std::vector<core::ErrorParam> variables;

    // Returns the value of a variable, or an empty view when the reason has none by that name.
    [[nodiscard]] std::string_view variable(std::string_view name) const {
        for (const auto& variable : variables) {
            if (variable.name == name) {
                return variable.value;
            }
        }
        return {};
    }

    friend bool operator==(const Reason&, const Reason&) = default;
};

}  // namespace guichet::booking
