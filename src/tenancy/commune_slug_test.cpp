#include "tenancy/commune_slug.h"

#include <gtest/gtest.h>

namespace guichet::tenancy {
namespace {

struct SlugCase {
    const char* slug;
    bool valid;
};

TEST(CommuneSlug, AcceptsLowercaseWordsSeparatedBySingleHyphens) {
    const SlugCase cases[] = {
        {"chanteloup-les-vignes", true},
        {"paris", true},
        {"saint-germain-en-laye-78", true},
        {"ab", true},
        {"a", false},
        {"Chanteloup", false},
        {"chanteloup_les_vignes", false},
        {"-chanteloup", false},
        {"chanteloup-", false},
        {"chanteloup--les", false},
        {"ch\xC3\xA2teau", false},
        {"assets", false},
        {"healthz", false},
        {"metrics", false},
        {"", false},
        {"a123456789012345678901234567890123456789012345678901234567890123", false},
    };
    for (const auto& c : cases) {
        const auto result = validate_commune_slug(c.slug);
        EXPECT_EQ(result.has_value(), c.valid) << c.slug;
        if (!result) {
            EXPECT_EQ(result.error().field, "slug") << c.slug;
        }
    }
}

TEST(CommuneSlug, ReservedSegmentsAreTheOnesThePortalServesItself) {
    EXPECT_TRUE(is_reserved_path_segment("assets"));
    EXPECT_TRUE(is_reserved_path_segment("readyz"));
    EXPECT_FALSE(is_reserved_path_segment("chanteloup-les-vignes"));
}

}  // namespace
}  // namespace guichet::tenancy
