// Every value of the enumerations the pages print by name ("relationship_" + relationship_name(…)) has its text in
// both languages: a missing one would show the key itself to a family.
#include <gtest/gtest.h>

#include "family/household.h"
#include "identity/account.h"
#include "notify/outbox_message.h"
#include "web/view/embedded_files.h"
#include "web/view/i18n.h"

namespace guichet::web {
namespace {

TEST(Labels, EveryValueThePagesPrintHasItsText) {
    const Catalogue catalogue(embedded_files());
    std::vector<std::string> keys;
    for (auto value : {family::Relationship::mother, family::Relationship::father, family::Relationship::guardian,
                       family::Relationship::other}) {
        keys.push_back("relationship_" + std::string(family::relationship_name(value)));
    }
    for (auto value : {family::Sex::female, family::Sex::male}) {
        keys.push_back("sex_" + std::string(family::sex_name(value)));
    }
    for (auto value : {family::ClassLevel::none, family::ClassLevel::ps, family::ClassLevel::ms, family::ClassLevel::gs,
                       family::ClassLevel::cp, family::ClassLevel::ce1, family::ClassLevel::ce2,
                       family::ClassLevel::cm1, family::ClassLevel::cm2}) {
        keys.push_back("class_" + std::string(family::class_name(value)));
    }
    for (auto value : {family::DietaryOption::standard, family::DietaryOption::no_pork, family::DietaryOption::no_meat,
                       family::DietaryOption::packed_meal}) {
        keys.push_back("diet_" + std::string(family::diet_name(value)));
    }
    for (auto value : {family::QuotientSource::caf, family::QuotientSource::commune}) {
        keys.push_back("qf_source_" + std::string(family::quotient_source_name(value)));
    }
    for (auto value : {identity::Role::parent, identity::Role::agent, identity::Role::admin}) {
        keys.push_back("role_" + std::string(identity::role_name(value)));
    }
    for (auto value : {identity::Civility::madame, identity::Civility::monsieur}) {
        keys.push_back("civility_" + std::string(identity::civility_name(value)));
    }
    for (auto value : {notify::OutboxStatus::pending, notify::OutboxStatus::sent, notify::OutboxStatus::failed,
                       notify::OutboxStatus::held}) {
        keys.push_back("mail_status_" + std::string(notify::outbox_status_name(value)));
    }
    for (const auto& key : keys) {
        EXPECT_TRUE(catalogue.has(key)) << key;
        EXPECT_NE(catalogue.text(Language::en, key), key) << key;
    }
}

}  // namespace
}  // namespace guichet::web
