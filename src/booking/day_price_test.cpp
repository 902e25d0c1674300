#include "booking/day_price.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::booking {
namespace {

core::Money cents(std::int64_t value) {
    return core::Money::from_cents(value);
}

TEST(DayPrice, AddsThePercentageRoundedHalfAwayFromZeroOrTheFlatAmount) {
    struct Case {
        std::string_view name;
        std::int64_t unit_cents;
        std::optional<catalog::Surcharge> surcharge;
        std::int64_t expected_cents;
    };
    const Case cases[] = {
        {"on time: the unit price", 420, std::nullopt, 420},
        {"50 % of 4,20 EUR is exactly 2,10 EUR", 420, catalog::PercentSurcharge{50}, 630},
        {"50 % of 3,15 EUR is 1,575 EUR, rounded up to 1,58 EUR", 315, catalog::PercentSurcharge{50}, 473},
        {"15 % of 3,10 EUR is 0,465 EUR, rounded up to 0,47 EUR", 310, catalog::PercentSurcharge{15}, 357},
        {"15 % of 3,02 EUR is 0,453 EUR, rounded down to 0,45 EUR", 302, catalog::PercentSurcharge{15}, 347},
        {"50 % of 0,01 EUR is half a cent, rounded up to a cent", 1, catalog::PercentSurcharge{50}, 2},
        {"a refund rounds its half cent away from zero too", -315, catalog::PercentSurcharge{50}, -473},
        {"0 % adds nothing", 420, catalog::PercentSurcharge{0}, 420},
        {"1000 % of 4,20 EUR is 42,00 EUR", 420, catalog::PercentSurcharge{1000}, 4620},
        {"a flat 1,00 EUR whatever the unit price", 420, catalog::FlatSurcharge{cents(100)}, 520},
        {"a flat amount on a free day", 0, catalog::FlatSurcharge{cents(150)}, 150},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.name));
        EXPECT_EQ(day_price(cents(c.unit_cents), c.surcharge), cents(c.expected_cents));
    }
}

TEST(SurchargeAmount, IsTheSurchargeAlone) {
    EXPECT_EQ(surcharge_amount(catalog::PercentSurcharge{50}, cents(315)), cents(158));
    EXPECT_EQ(surcharge_amount(catalog::FlatSurcharge{cents(100)}, cents(315)), cents(100));
}

}  // namespace
}  // namespace guichet::booking
