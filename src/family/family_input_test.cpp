#include "family/family_input.h"

#include <gtest/gtest.h>

namespace guichet::family {
namespace {

const core::CivilDate kToday = *core::CivilDate::from_ymd(2026, 11, 26);

TEST(FamilyInput, ChildrenNeedNamesABirthDateInThePastAndKnownOptions) {
    struct Case {
        ChildInput input;
        std::vector<std::string> fields;  // fields in error, in order
    };
    const Case cases[] = {
        {{"Dupont", "Rémi", "2016-09-01", "male", "École Victor Hugo", "cm1", "no_pork", false}, {}},
        {{"Dupont", "Léa", "01/09/2018", "female", "", "", "", true}, {}},
        {{"", "", "", "", "", "", "", false}, {"last_name", "first_name", "birth_date", "sex"}},
        {{"Dupont", "Rémi", "2027-01-01", "male", "", "cm1", "standard", false}, {"birth_date"}},
        {{"Dupont", "Rémi", "31/02/2016", "male", "", "cm1", "standard", false}, {"birth_date"}},
        {{"Dupont", "Rémi", "2016-09-01", "x", "", "cm9", "halal", false}, {"sex", "class_level", "diet"}},
    };
    for (const auto& c : cases) {
        FieldErrors errors;
        const auto child = read_child(c.input, kToday, errors);
        std::vector<std::string> fields;
        for (const auto& error : errors)
            fields.push_back(error.field);
        EXPECT_EQ(fields, c.fields) << c.input.first_name;
        EXPECT_EQ(child.has_value(), c.fields.empty());
    }
}

// Every name an agent or a parent types about a person is checked as a name (identity::check_person_name): it is
// printed on letters and in mails the town sends.
TEST(FamilyInput, PeoplesNamesAreNames) {
    for (const std::string bad : {"Martin2", "http://evil.example", "Mar\u202Etin", "@Martin", "evil.com"}) {
        FieldErrors errors;
        EXPECT_FALSE(read_representative({"madame", bad, "Anne", "mother", "", "", ""}, "rep1_", errors)) << bad;
        EXPECT_FALSE(read_child({"Dupont", bad, "2016-09-01", "male", "", "", "", false}, kToday, errors)) << bad;
        EXPECT_FALSE(read_authorised({bad, "Paul", "06 11 22 33 44", "oncle"}, errors)) << bad;
        ASSERT_EQ(errors.size(), 3u) << bad;
        EXPECT_EQ(errors[0].field, "rep1_last_name");
        EXPECT_EQ(errors[1].field, "first_name");
        EXPECT_EQ(errors[2].field, "last_name");
        for (const auto& error : errors) {
            EXPECT_EQ(error.message_key, "err_name_characters") << bad;
        }
    }
    FieldErrors errors;
    EXPECT_TRUE(read_representative({"madame", "N’Diaye-Le Gall", "J.-P.", "mother", "", "", ""}, "rep1_", errors));
    EXPECT_TRUE(errors.empty());
}

TEST(FamilyInput, ChildOptionsDefaultToStandardAndNotInSchool) {
    FieldErrors errors;
    const auto child = read_child({"Dupont", "Léa", "01/09/2018", "female", "", "", "", true}, kToday, errors);
    ASSERT_TRUE(child.has_value());
    EXPECT_EQ(child->diet, DietaryOption::standard);
    EXPECT_EQ(child->class_level, ClassLevel::none);
    EXPECT_TRUE(child->pai);
    EXPECT_EQ(child->birth_date.to_iso(), "2018-09-01");
}

TEST(FamilyInput, RepresentativesAndQuotients) {
    FieldErrors errors;
    auto person = read_representative({"madame", "Dupont", "Marie", "mother", "marie@example.fr", "06 12 34 56 78", ""},
                                      "rep1_", errors);
    ASSERT_TRUE(person.has_value());
    EXPECT_EQ(person->relationship, Relationship::mother);
    errors.clear();
    EXPECT_FALSE(read_representative({"", "", "X", "aunt", "bad", "12", ""}, "rep2_", errors).has_value());
    std::vector<std::string> fields;
    for (const auto& error : errors)
        fields.push_back(error.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"rep2_civility", "rep2_last_name", "rep2_relationship", "rep2_email",
                                                "rep2_mobile_phone"}));
    errors.clear();
    const auto quotient = read_quotient({"850", "caf", "2026-01-01", "2026-12-31"}, errors);
    ASSERT_TRUE(quotient.has_value());
    EXPECT_EQ(quotient->amount_euros, 850);
    errors.clear();
    EXPECT_FALSE(read_quotient({"-5", "impots", "2026-13-01", ""}, errors).has_value());
    EXPECT_EQ(errors.size(), 3u);
    errors.clear();
    EXPECT_FALSE(read_quotient({"850", "caf", "2026-06-01", "2026-01-01"}, errors).has_value());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message_key, "err_date_order");
}

}  // namespace
}  // namespace guichet::family
