#include "core/result.h"

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

// Small functions standing in for real operations, so that the macros are exercised inside real return paths.
Result<int> parse_positive(int value) {
    if (value <= 0) {
        return fail(ErrorCode::invalid_input, "Doit être positif.", "value");
    }
    return value;
}

Result<int> doubled_positive(int value) {
    GUICHET_TRY(checked, parse_positive(value));
    return checked * 2;
}

Result<std::string> describe_positive(int value) {
    // The error must travel to a Result of a different value type.
    GUICHET_TRY(twice, doubled_positive(value));
    return std::to_string(twice);
}

Status require_even(int value) {
    if (value % 2 != 0) {
        return fail(ErrorCode::conflict, "err_not_even");
    }
    return {};
}

Result<int> half_of_even(int value) {
    GUICHET_TRY_STATUS(require_even(value));
    return value / 2;
}

Result<std::unique_ptr<int>> boxed(int value) {
    return std::make_unique<int>(value);
}

Result<int> unbox(int value) {
    // A move-only value must be moved out, not copied.
    GUICHET_TRY(box, boxed(value));
    return *box;
}

TEST(Fail, BuildsTheFailingSideWithItsCodeMessageAndField) {
    const Result<int> result = fail(ErrorCode::too_large, "Fichier trop gros.", "upload");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(), make_error(ErrorCode::too_large, "Fichier trop gros.", "upload"));
}

TEST(GuichetTry, PassesValuesThroughAndErrorsUpward) {
    struct Case {
        int input;
        bool ok;
        std::string value;
    };
    const Case cases[] = {{21, true, "42"}, {1, true, "2"}, {0, false, ""}, {-5, false, ""}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.input);
        const auto result = describe_positive(c.input);
        ASSERT_EQ(result.has_value(), c.ok);
        if (c.ok) {
            EXPECT_EQ(*result, c.value);
        } else {
            EXPECT_EQ(result.error(), make_error(ErrorCode::invalid_input, "Doit être positif.", "value"));
        }
    }
}

TEST(GuichetTry, MovesMoveOnlyValuesOut) {
    const auto result = unbox(7);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*result, 7);
}

TEST(GuichetTryStatus, ContinuesOnSuccessAndReturnsTheErrorOnFailure) {
    struct Case {
        int input;
        bool ok;
        int value;
    };
    const Case cases[] = {{8, true, 4}, {0, true, 0}, {7, false, 0}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.input);
        const auto result = half_of_even(c.input);
        ASSERT_EQ(result.has_value(), c.ok);
        if (c.ok) {
            EXPECT_EQ(*result, c.value);
        } else {
            EXPECT_EQ(result.error().code, ErrorCode::conflict);
            EXPECT_EQ(result.error().key, "err_not_even");
            EXPECT_TRUE(result.error().field.empty());
        }
    }
}

TEST(Status, SucceedsWhenBuiltEmpty) {
    const Status status = require_even(2);
    EXPECT_TRUE(status.has_value());
}

}  // namespace
}  // namespace guichet::core
