#include "identity/person_name.h"

#include <gtest/gtest.h>

namespace guichet::identity {
namespace {

struct Case {
    const char* name;
    const char* problem;  // nullptr: accepted
};

TEST(PersonName, AcceptsWhatNamesAreMadeOf) {
    const Case cases[] = {
        {"Marie", nullptr},
        {"X", nullptr},
        {"Jean-Pierre", nullptr},
        {"J.-P.", nullptr},
        {"A. Martin", nullptr},
        {"A.B.", nullptr},
        {"de La Rochefoucauld", nullptr},
        {"O'Connor", nullptr},
        {"d\u2019Artagnan", nullptr},                 // typographic apostrophe
        {"N\u02BCDiaye", nullptr},                    // modifier letter apostrophe
        {"Zo\u00E9", nullptr},                        // é precomposed
        {"Zoe\u0301", nullptr},                       // e + combining acute
        {"Nguy\u1EC5n", nullptr},                     // Vietnamese
        {"\u041C\u0430\u0440\u0438\u044F", nullptr},  // Мария
        {"\u0645\u062D\u0645\u062F", nullptr},        // محمد
        {"\u674E\u5C0F\u9F8D", nullptr},              // 李小龍
        {"\u00C9lo\u00EFse", nullptr},                // Éloïse
    };
    for (const auto& c : cases) {
        EXPECT_EQ(check_person_name(c.name), std::nullopt) << c.name;
    }
}

TEST(PersonName, RefusesWhatIsNotAName) {
    const Case cases[] = {
        {"", "err_required"},
        {"Dupont2", "err_name_characters"},
        {"http://evil.example", "err_name_characters"},
        {"evil.com", "err_name_characters"},
        {"a.com", "err_name_characters"},
        {"A.B Martin", "err_name_characters"},
        {"Marie@", "err_name_characters"},
        {"Paul$", "err_name_characters"},
        {"Jean--Pierre", "err_name_characters"},
        {"Jean  Pierre", "err_name_characters"},
        {"-Marie", "err_name_characters"},
        {"Marie-", "err_name_characters"},
        {"'Marie", "err_name_characters"},
        {".", "err_name_characters"},
        {"\u0301Marie", "err_name_characters"},        // a combining mark on nothing
        {"Marie\u202Eesiop", "err_name_characters"},   // right-to-left override
        {"Ma\u200Brie", "err_name_characters"},        // zero-width space
        {"\u2066\u2069", "err_name_characters"},       // only invisible characters
        {"Marie\u00A0Claire", "err_name_characters"},  // a space that is not a space
        {"Ma\x1B"
         "rie",
         "err_name_characters"},                      // a control character
        {"Mari\xC3", "err_name_characters"},          // cut UTF-8
        {"\xF0\x9F\x98\x80", "err_name_characters"},  // an emoji
    };
    for (const auto& c : cases) {
        EXPECT_EQ(check_person_name(c.name), std::optional<std::string>(c.problem)) << c.name;
    }
}

TEST(PersonName, CountsCharactersNotBytes) {
    EXPECT_EQ(check_person_name(std::string(kMaxPersonNameLength, 'a')), std::nullopt);
    EXPECT_EQ(check_person_name(std::string(kMaxPersonNameLength + 1, 'a')), "err_too_long");
    std::string accented;
    for (std::size_t i = 0; i < kMaxPersonNameLength; ++i) {
        accented += "\u00E9";
    }
    EXPECT_EQ(check_person_name(accented), std::nullopt) << "60 é are 120 bytes and 60 characters";
}

}  // namespace
}  // namespace guichet::identity
