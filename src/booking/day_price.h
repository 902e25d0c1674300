#pragma once

#include <optional>

#include "catalog/rules.h"
#include "core/money.h"

namespace guichet::booking {

// Returns the surcharge (majoration) `surcharge` adds to a day whose unit price is `unit_price`: for a percentage,
// that share of the unit price rounded to the cent, halves away from zero (15 % of 3,10 € is 0,465 € and gives
// 0,47 €); for a flat surcharge, its amount whatever the unit price.
[[nodiscard]] core::Money surcharge_amount(const catalog::Surcharge& surcharge, core::Money unit_price) noexcept;

// Returns the price of one day: `unit_price`, plus surcharge_amount when a surcharge applies (a late booking).
[[nodiscard]] core::Money day_price(core::Money unit_price,
                                    const std::optional<catalog::Surcharge>& surcharge) noexcept;

}  // namespace guichet::booking
