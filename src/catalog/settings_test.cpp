#include "catalog/settings.h"

#include <gtest/gtest.h>

namespace guichet::catalog {
namespace {

TEST(Settings, ADefaultUntilSetAndBackAfterReset) {
    Settings settings;
    EXPECT_EQ(settings.get("offer_hours"), 24);
    ASSERT_TRUE(settings.set("offer_hours", 12));
    EXPECT_EQ(settings.get("offer_hours"), 12);
    EXPECT_EQ(settings.explicit_values().size(), 1U);
    settings.reset("offer_hours");
    EXPECT_EQ(settings.get("offer_hours"), 24);
    EXPECT_TRUE(settings.explicit_values().empty());
}

TEST(Settings, AValueOutOfBoundsOrAnUnknownNameIsRefusedAndChangesNothing) {
    Settings settings;
    ASSERT_TRUE(settings.set("certificate_days", 5));
    for (int wrong : {0, 61, -1}) {
        auto refused = settings.set("certificate_days", wrong);
        ASSERT_FALSE(refused) << wrong;
        EXPECT_EQ(refused.error().key, "err_setting_range");
    }
    EXPECT_EQ(settings.get("certificate_days"), 5);
    auto unknown = settings.set("nope", 1);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().key, "err_setting_unknown");
    EXPECT_THROW((void)settings.get("nope"), std::logic_error);
}

TEST(Settings, EverySettingsDefaultIsWithinItsBounds) {
    for (const SettingSpec& spec : setting_specs()) {
        EXPECT_LE(spec.min, spec.default_value) << spec.name;
        EXPECT_LE(spec.default_value, spec.max) << spec.name;
    }
}

}  // namespace
}  // namespace guichet::catalog
