#include "core/ids.h"

#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <unordered_set>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

// A second kind of id, standing in for those other modules will declare.
using OtherId = Id<struct OtherTag>;

// The whole point of the type is what does not compile; these checks fail the build if that ever changes.
static_assert(!std::is_convertible_v<std::int64_t, CommuneId>, "ids are never built implicitly from integers");
static_assert(!std::is_convertible_v<CommuneId, std::int64_t>, "ids never decay implicitly to integers");
static_assert(!std::is_default_constructible_v<CommuneId>, "every id is chosen explicitly");
static_assert(!std::equality_comparable_with<CommuneId, OtherId>, "ids of different kinds do not compare");
static_assert(!std::is_convertible_v<OtherId, CommuneId>, "ids of different kinds do not convert");
static_assert(std::is_trivially_copyable_v<CommuneId> && sizeof(CommuneId) == sizeof(std::int64_t),
              "an id costs no more than its integer");

TEST(Id, ReturnsTheValueItWasBuiltWith) {
    const std::int64_t cases[] = {
        0, 1, 42, -7, std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
    for (std::int64_t value : cases) {
        SCOPED_TRACE(value);
        EXPECT_EQ(CommuneId(value).value(), value);
    }
}

TEST(Id, ComparesByValue) {
    struct Case {
        std::int64_t left;
        std::int64_t right;
        std::strong_ordering expected;
    };
    const Case cases[] = {
        {1, 1, std::strong_ordering::equal},
        {1, 2, std::strong_ordering::less},
        {3, 2, std::strong_ordering::greater},
        {-1, 0, std::strong_ordering::less},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::to_string(c.left) + " vs " + std::to_string(c.right));
        EXPECT_EQ(CommuneId(c.left) <=> CommuneId(c.right), c.expected);
        EXPECT_EQ(CommuneId(c.left) == CommuneId(c.right), c.expected == std::strong_ordering::equal);
    }
}

TEST(Id, HashesLikeItsValueSoThatItCanKeyUnorderedContainers) {
    EXPECT_EQ(std::hash<CommuneId>{}(CommuneId(42)), std::hash<std::int64_t>{}(42));
    std::unordered_set<CommuneId> ids{CommuneId(1), CommuneId(2), CommuneId(1)};
    EXPECT_EQ(ids.size(), 2U);
    EXPECT_TRUE(ids.contains(CommuneId(2)));
    EXPECT_FALSE(ids.contains(CommuneId(3)));
}

TEST(IdToString, SpellsTheValueInDecimal) {
    struct Case {
        std::int64_t value;
        std::string text;
    };
    const Case cases[] = {{0, "0"}, {42, "42"}, {-7, "-7"}, {9007199254740993, "9007199254740993"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        EXPECT_EQ(to_string(CommuneId(c.value)), c.text);
    }
}

}  // namespace
}  // namespace guichet::core
