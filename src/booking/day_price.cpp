#include "booking/day_price.h"

#include <cstdint>
#include <variant>

namespace guichet::booking {

namespace {

// Rounds cents × percent / 100 to the nearest cent, halves away from zero, in integers: floating point would turn
// some exact halves into 0,4649999 and round them down.
std::int64_t percent_of(std::int64_t cents, int percent) {
    const std::int64_t hundredths = cents * percent;
    const std::int64_t whole = hundredths / 100;
    const std::int64_t remainder = hundredths % 100;
    if (remainder >= 50) {
        return whole + 1;
    }
    if (remainder <= -50) {
        return whole - 1;
    }
    return whole;
}

}  // namespace

core::Money surcharge_amount(const catalog::Surcharge& surcharge, core::Money unit_price) noexcept {
    if (const auto* flat = std::get_if<catalog::FlatSurcharge>(&surcharge)) {
        return flat->amount;
    }
    const int percent = std::get<catalog::PercentSurcharge>(surcharge).percent;
    return core::Money::from_cents(percent_of(unit_price.cents(), percent));
}

core::Money day_price(core::Money unit_price, const std::optional<catalog::Surcharge>& surcharge) noexcept {
    if (!surcharge.has_value()) {
        return unit_price;
    }
    return unit_price + surcharge_amount(*surcharge, unit_price);
}

}  // namespace guichet::booking
