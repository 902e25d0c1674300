#include "identity/account_input.h"

#include <gtest/gtest.h>

namespace guichet::identity {
namespace {

TEST(AccountInput, EmailChecks) {
    struct Case {
        const char* email;
        const char* problem;  // nullptr: accepted
    };
    const Case cases[] = {
        {"marie.dupont@example.fr", nullptr},
        {"m+portail@sous.domaine.example.com", nullptr},
        {"", "err_required"},
        {"marie", "err_email_invalid"},
        {"@example.fr", "err_email_invalid"},
        {"marie@", "err_email_invalid"},
        {"marie@example", "err_email_invalid"},
        {"marie@@example.fr", "err_email_invalid"},
        {"marie dupont@example.fr", "err_email_invalid"},
        {"marie@example..fr", "err_email_invalid"},
        {"marie.@example.fr", "err_email_invalid"},
        {"marie@example.fr\r\nBcc: x@y.z", "err_email_invalid"},
        {"<marie@example.fr>", "err_email_invalid"},
    };
    for (const auto& c : cases) {
        const auto problem = check_email(c.email);
        if (c.problem == nullptr) {
            EXPECT_FALSE(problem.has_value()) << c.email;
        } else {
            EXPECT_EQ(problem, c.problem) << c.email;
        }
    }
}

TEST(AccountInput, UsernamesArePortableIdentifiers) {
    EXPECT_FALSE(check_username("marie.dupont").has_value());
    EXPECT_FALSE(check_username("m_d-78").has_value());
    EXPECT_EQ(check_username("md"), "err_username_invalid");
    EXPECT_EQ(check_username("marie@example.fr"), "err_username_invalid") << "an @ would clash with emails";
    EXPECT_EQ(check_username("mari\xC3\xA9"), "err_username_invalid");
    EXPECT_EQ(check_username(std::string(65, 'a')), "err_username_invalid");
    EXPECT_EQ(check_username(""), "err_required");
}

TEST(AccountInput, PhonesNeedTenToFifteenDigits) {
    EXPECT_FALSE(check_phone("01 39 74 29 12").has_value());
    EXPECT_FALSE(check_phone("+33 6 12 34 56 78").has_value());
    EXPECT_FALSE(check_phone("06.12.34.56.78").has_value());
    EXPECT_EQ(check_phone("12 34"), "err_phone");
    EXPECT_EQ(check_phone("06 12 34 56 7x"), "err_phone");
    EXPECT_EQ(check_phone("06+12345678"), "err_phone");
}

TEST(AccountInput, ChildcareKeysAreCanonicalised) {
    EXPECT_EQ(canonical_childcare_key("k7qm-3xh9-p2td"), "K7QM3XH9P2TD");
    EXPECT_EQ(canonical_childcare_key("K7QM 3XH9 P2TD"), "K7QM3XH9P2TD");
    EXPECT_EQ(canonical_childcare_key("K7QM-3XH9"), std::nullopt);
    EXPECT_EQ(canonical_childcare_key("K7QM-3XH9-P2T\xC3\xA9"), std::nullopt);
}

ContactDetails complete_contact() {
    ContactDetails contact;
    contact.civility = Civility::madame;
    contact.last_name = "Dupont";
    contact.first_name = "Marie";
    contact.address = {"18 avenue de Poissy", "", "78570", "Chanteloup-les-Vignes"};
    contact.mobile_phone = "06 12 34 56 78";
    return contact;
}

TEST(AccountInput, ContactBlockReportsEveryFieldInError) {
    EXPECT_TRUE(validate_contact(complete_contact()).empty());
    ContactDetails contact;
    contact.address.postal_code = "7857";
    contact.last_name = std::string(61, 'x');
    contact.first_name = "Ma\x1Brie";
    contact.landline_phone = "abc";
    const FieldErrors errors = validate_contact(contact);
    const FieldErrors expected = {
        {"civility", "err_civility"},     {"last_name", "err_too_long"},      {"first_name", "err_name_characters"},
        {"address_line", "err_required"}, {"postal_code", "err_postal_code"}, {"city", "err_required"},
        {"landline_phone", "err_phone"},
    };
    ASSERT_EQ(errors.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(errors[i].field, expected[i].field);
        EXPECT_EQ(errors[i].message_key, expected[i].message_key) << expected[i].field;
    }
}

TEST(AccountInput, TrimmedRemovesSurroundingSpacesOnly) {
    ContactDetails contact = complete_contact();
    contact.last_name = "  Du Pont ";
    EXPECT_EQ(trimmed(contact).last_name, "Du Pont");
}

}  // namespace
}  // namespace guichet::identity
