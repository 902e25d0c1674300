#include "identity/password_policy.h"

#include <gtest/gtest.h>

namespace guichet::identity {
namespace {

TEST(PasswordPolicy, TheRulesOfAsvsV21) {
    CommonPasswords common;
    common.add_list("# common passwords\nmotdepasse123\r\nAzertyuiopqsdf\n\n");
    const PasswordPolicy policy(common);
    struct Case {
        std::string password;
        const char* problem;
    };
    const Case cases[] = {
        {"le chat dort sur le radiateur", nullptr},
        {"aaaaaaaaaaaa", nullptr},  // no composition rule
        {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
         nullptr},                                                                       // 12 code points, 24 bytes
        {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", "err_password_too_short"},  // 12 bytes, 6 characters
        {"", "err_required"},
        {"court", "err_password_too_short"},
        {"elevenchars", "err_password_too_short"},
        {std::string(128, 'p'), nullptr},
        {std::string(1024, 'p'), nullptr},
        {std::string(1025, 'p'), "err_password_too_long"},
        {"MotDePasse123", "err_password_common"},
        {"azertyuiopqsdf", "err_password_common"},
        {"marie.dupont.78", "err_password_like_identity"},
        {"Marie.Dupont@Example.fr", "err_password_like_identity"},
    };
    for (const auto& c : cases) {
        const auto problem = policy.check(c.password, "marie.dupont.78", "marie.dupont@example.fr");
        if (c.problem == nullptr) {
            EXPECT_FALSE(problem.has_value()) << c.password << " → " << problem.value_or("");
        } else {
            EXPECT_EQ(problem, c.problem) << c.password;
        }
    }
    EXPECT_EQ(common.size(), 2u);
}

}  // namespace
}  // namespace guichet::identity
