#include "core/error.h"

#include <string>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

TEST(MakeError, KeepsTheCodeKeyAndField) {
    struct Case {
        ErrorCode code;
        std::string key;
        std::string field;
    };
    const Case cases[] = {
        {ErrorCode::invalid_input, "err_amount_empty", "amount"},
        {ErrorCode::not_found, "err_household_unknown", ""},
        {ErrorCode::internal, "error_internal", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.key);
        const Error error = make_error(c.code, c.key, c.field);
        EXPECT_EQ(error.code, c.code);
        EXPECT_EQ(error.key, c.key);
        EXPECT_EQ(error.field, c.field);
        EXPECT_TRUE(error.params.empty());
        EXPECT_TRUE(error.detail.empty());
    }
}

TEST(MakeError, LeavesTheFieldEmptyWhenNoneIsGiven) {
    const Error error = make_error(ErrorCode::forbidden, "error_forbidden");
    EXPECT_EQ(error.code, ErrorCode::forbidden);
    EXPECT_EQ(error.key, "error_forbidden");
    EXPECT_TRUE(error.field.empty());
}

TEST(ErrorParams, AreKeptInOrderAndFoundByName) {
    const Error error =
        make_error(ErrorCode::conflict, "err_slug_taken", "slug").with("slug", "andresy").with("other", "x");
    ASSERT_EQ(error.params.size(), 2u);
    EXPECT_EQ(error.params[0].name, "slug");
    EXPECT_EQ(error.param("slug"), "andresy");
    EXPECT_EQ(error.param("other"), "x");
    EXPECT_EQ(error.param("missing"), "");
}

TEST(ErrorDescribe, GivesCodeKeyParamsFieldAndDetailOnOneLine) {
    const Error error = make_error(ErrorCode::unavailable, "error_unavailable").with_detail("connection refused");
    EXPECT_EQ(describe(error), "unavailable error_unavailable (connection refused)");
    const Error with_param =
        make_error(ErrorCode::invalid_input, "err_time_zone_unknown", "time_zone").with("zone", "X");
    EXPECT_EQ(describe(with_param), "invalid_input err_time_zone_unknown zone=X field=time_zone");
}

TEST(ErrorEquality, ComparesEveryMember) {
    const Error base = make_error(ErrorCode::conflict, "err_email_taken", "email");
    EXPECT_EQ(base, make_error(ErrorCode::conflict, "err_email_taken", "email"));
    EXPECT_NE(base, make_error(ErrorCode::invalid_input, "err_email_taken", "email"));
    EXPECT_NE(base, make_error(ErrorCode::conflict, "err_username_taken", "email"));
    EXPECT_NE(base, make_error(ErrorCode::conflict, "err_email_taken", "phone"));
    EXPECT_NE(base, base.with("email", "a@b.fr"));
}

}  // namespace
}  // namespace guichet::core
