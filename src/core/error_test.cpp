#include "core/error.h"

#include <string>

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

TEST(MakeError, KeepsTheCodeMessageAndField) {
    struct Case {
        ErrorCode code;
        std::string message;
        std::string field;
    };
    const Case cases[] = {
        {ErrorCode::invalid_input, "Le montant est vide.", "amount"},
        {ErrorCode::not_found, "Cette famille n'existe pas.", ""},
        {ErrorCode::internal, "", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.message);
        const Error error = make_error(c.code, c.message, c.field);
        EXPECT_EQ(error.code, c.code);
        EXPECT_EQ(error.message, c.message);
        EXPECT_EQ(error.field, c.field);
    }
}

TEST(MakeError, LeavesTheFieldEmptyWhenNoneIsGiven) {
    const Error error = make_error(ErrorCode::forbidden, "Accès refusé.");
    EXPECT_EQ(error.code, ErrorCode::forbidden);
    EXPECT_EQ(error.message, "Accès refusé.");
    EXPECT_TRUE(error.field.empty());
}

TEST(ErrorEquality, ComparesAllThreeMembers) {
    const Error base = make_error(ErrorCode::conflict, "Déjà inscrit.", "email");
    EXPECT_EQ(base, make_error(ErrorCode::conflict, "Déjà inscrit.", "email"));
    EXPECT_NE(base, make_error(ErrorCode::invalid_input, "Déjà inscrit.", "email"));
    EXPECT_NE(base, make_error(ErrorCode::conflict, "Autre message.", "email"));
    EXPECT_NE(base, make_error(ErrorCode::conflict, "Déjà inscrit.", "phone"));
}

}  // namespace
}  // namespace guichet::core
