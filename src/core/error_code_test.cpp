#include "core/error_code.h"

#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

struct NameCase {
    ErrorCode code;
    std::string_view name;
};

// The names are part of the JSON API: this table is the contract, spelled out rather than derived from the code.
constexpr NameCase kNameCases[] = {
    {ErrorCode::invalid_input, "invalid_input"}, {ErrorCode::not_found, "not_found"},
    {ErrorCode::conflict, "conflict"},           {ErrorCode::unauthenticated, "unauthenticated"},
    {ErrorCode::forbidden, "forbidden"},         {ErrorCode::too_large, "too_large"},
    {ErrorCode::unavailable, "unavailable"},     {ErrorCode::internal, "internal"},
    {ErrorCode::throttled, "throttled"},
};

TEST(ErrorCodeName, ReturnsTheStableSnakeCaseNameOfEachCode) {
    for (const auto& [code, name] : kNameCases) {
        SCOPED_TRACE(std::string(name));
        EXPECT_EQ(error_code_name(code), name);
    }
}

TEST(ErrorCodeName, GivesEveryCodeADistinctName) {
    std::set<std::string_view> names;
    for (const auto& [code, name] : kNameCases) {
        names.insert(error_code_name(code));
    }
    EXPECT_EQ(names.size(), std::size(kNameCases));
}

TEST(ErrorCodeName, FallsBackToInternalForAValueOutsideTheEnumeration) {
    EXPECT_EQ(error_code_name(static_cast<ErrorCode>(250)), "internal");
}

TEST(ErrorCodeFromName, ReadsBackEveryName) {
    for (const auto& [code, name] : kNameCases) {
        SCOPED_TRACE(std::string(name));
        const auto parsed = error_code_from_name(name);
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, code);
    }
}

TEST(ErrorCodeFromName, RejectsUnknownOrMisspelledNames) {
    const std::string_view cases[] = {"", "Invalid_Input", "invalid-input", "invalid_input ", "notfound", "error"};
    for (std::string_view name : cases) {
        SCOPED_TRACE(std::string(name));
        EXPECT_FALSE(error_code_from_name(name).has_value());
    }
}

}  // namespace
}  // namespace guichet::core
