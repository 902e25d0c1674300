// The family use cases on the in-memory stores, with a fixed clock: each mutation and what it writes, foreign ids,
// the clé enfance rules (throttle, expiry, the same-household refusal, single use) and the step that confirms an
// address and links the key typed at sign-up in one transaction.
#include "family/family_service.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>

#include "core/fixed_clock.h"
#include "family/childcare_key.h"
#include "family/in_memory_family.h"
#include "identity/registration_service.h"
#include "identity/secret_token.h"

namespace guichet::family {
namespace {

using namespace std::chrono_literals;

const core::CommuneId kCommune{1};
const core::CommuneId kOtherCommune{2};
const core::AccountId kAgent{9001};
const core::CivilDate kToday = *core::CivilDate::from_ymd(2026, 11, 26);
const identity::PostalAddress kAddress{"18 avenue de Poissy", "", "78570", "Chanteloup-les-Vignes"};
const identity::RequestOrigin kOrigin{"192.0.2.10", "test"};

class FamilyServiceTest : public ::testing::Test {
  protected:
    FamilyServiceTest()
        : m_clock(*core::instant_from_iso_utc("2026-11-26T10:00:00Z")),
          m_service(m_world, m_clock, std::string(32, 'k'), std::chrono::days(30)) {}

    core::HouseholdId household(core::CommuneId commune = kCommune, const std::string& last_name = "Dupont") {
        FieldErrors errors;
        auto id = m_service.create_household(commune, kAddress,
                                             {{"madame", last_name, "Marie", "mother", "marie@example.fr", "", ""},
                                              {"monsieur", last_name, "Xavier", "father", "", "", ""}},
                                             kAgent, errors);
        EXPECT_TRUE(id.has_value());
        EXPECT_TRUE(errors.empty());
        return *id;
    }

    std::vector<Representative> people(core::HouseholdId id, core::CommuneId commune = kCommune) {
        return (*m_service.household(commune, id))->representatives;
    }

    // An account of the commune (a parent), created directly in the identity state.
    core::AccountId account(const std::string& name, core::CommuneId commune = kCommune) {
        core::AccountId id{0};
        m_world.change([&](testing::FamilyWorld& world) {
            identity::Account account;
            account.id = core::AccountId{world.identity.next_id++};
            account.commune = commune;
            account.role = identity::Role::parent;
            account.status = identity::AccountStatus::active;
            account.username = name;
            account.email = name + "@example.fr";
            world.identity.accounts[account.id.value()] = account;
            id = account.id;
        });
        return id;
    }

    std::string key_for(core::HouseholdId household, core::RepresentativeId person) {
        auto issued = m_service.issue_key(kCommune, household, person, kAgent);
        EXPECT_TRUE(issued.has_value());
        return issued ? format_childcare_key(issued->key) : std::string();
    }

    LinkOutcome link(core::AccountId account, const std::string& key) {
        auto outcome = m_service.link_account(kCommune, account, key, "192.0.2.10");
        EXPECT_TRUE(outcome.has_value());
        return *outcome;
    }

    std::size_t events(core::HouseholdId household, const std::string& kind) {
        std::size_t count = 0;
        for (const auto& event : m_world.state().family.events) {
            count += event.household == household && event.kind == kind ? 1 : 0;
        }
        return count;
    }

    core::FixedClock m_clock;
    testing::InMemoryFamily m_world;
    FamilyService m_service;
};

TEST_F(FamilyServiceTest, CreatingAHouseholdWritesItsRepresentativesAReferenceAndAHistoryLine) {
    const core::HouseholdId id = household();
    const auto record = *m_service.household(kCommune, id);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->household.reference, "F000001");
    ASSERT_EQ(record->representatives.size(), 2u);
    EXPECT_EQ(record->representatives[0].first_name, "Marie");
    EXPECT_EQ(record->representatives[1].relationship, Relationship::father);
    EXPECT_EQ(events(id, "household_created"), 1u);
}

TEST_F(FamilyServiceTest, ARefusedHouseholdWritesNothing) {
    struct Case {
        const char* what;
        std::vector<RepresentativeInput> people;
        identity::PostalAddress address;
        const char* field;
    };
    const Case cases[] = {
        {"nobody", {}, kAddress, "rep1_last_name"},
        {"no last name", {{"madame", "", "Marie", "mother", "", "", ""}}, kAddress, "rep1_last_name"},
        {"bad relationship", {{"madame", "Dupont", "Marie", "aunt", "", "", ""}}, kAddress, "rep1_relationship"},
        {"bad postal code",
         {{"madame", "Dupont", "Marie", "mother", "", "", ""}},
         {"1 rue", "", "785", "X"},
         "postal_code"},
        {"three people",
         {{"madame", "A", "A", "mother", "", "", ""},
          {"madame", "B", "B", "mother", "", "", ""},
          {"madame", "C", "C", "mother", "", "", ""}},
         kAddress,
         "rep1_last_name"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        const int before = m_world.commits();
        FieldErrors errors;
        auto id = m_service.create_household(kCommune, c.address, c.people, kAgent, errors);
        ASSERT_TRUE(id.has_value());
        ASSERT_FALSE(errors.empty());
        EXPECT_EQ(errors.front().field, c.field);
        EXPECT_EQ(m_world.commits(), before);
        EXPECT_TRUE(m_world.state().family.households.empty());
    }
}

TEST_F(FamilyServiceTest, AgentsEditEveryPartOfTheRecordAndEachChangeIsInTheHistory) {
    const core::HouseholdId id = household();
    FieldErrors errors;
    ASSERT_TRUE(m_service
                    .add_child(kCommune, id,
                               {"Dupont", "Rémi", "2016-09-01", "male", "École Victor Hugo", "cm1", "no_pork", false},
                               kAgent, errors, kToday)
                    .has_value());
    ASSERT_TRUE(
        m_service.add_authorised(kCommune, id, {"Martin", "Jeanne", "06 12 34 56 78", "grand-mère"}, kAgent, errors)
            .has_value());
    ASSERT_TRUE(m_service.record_quotient(kCommune, id, {"850", "caf", "2026-01-01", ""}, kAgent, errors).has_value());
    ASSERT_TRUE(
        m_service
            .update_address(kCommune, id, {"2 rue de la Mairie", "", "78570", "Chanteloup-les-Vignes"}, kAgent, errors)
            .has_value());
    const core::RepresentativeId father = people(id)[1].id;
    ASSERT_TRUE(m_service
                    .update_representative(kCommune, id, father,
                                           {"monsieur", "Dupont", "Xavier", "father", "x@example.fr", "", ""}, kAgent,
                                           errors)
                    .has_value());
    ASSERT_TRUE(errors.empty()) << errors.front().field;

    const auto record = **m_service.household(kCommune, id);
    ASSERT_EQ(record.children.size(), 1u);
    EXPECT_EQ(record.children[0].diet, DietaryOption::no_pork);
    ASSERT_EQ(record.authorised.size(), 1u);
    ASSERT_EQ(record.quotients.size(), 1u);
    EXPECT_EQ(record.quotients[0].amount_euros, 850);
    EXPECT_EQ(record.household.address.line, "2 rue de la Mairie");
    EXPECT_EQ(record.representatives[1].email, "x@example.fr");
    for (const char* kind :
         {"child_added", "authorised_added", "quotient_recorded", "address_changed", "representative_changed"}) {
        EXPECT_EQ(events(id, kind), 1u) << kind;
    }

    ASSERT_TRUE(m_service.remove_authorised(kCommune, id, record.authorised[0].id, kAgent).has_value());
    ASSERT_TRUE(m_service.remove_child(kCommune, id, record.children[0].id, kAgent).has_value());
    ASSERT_TRUE(m_service.remove_representative(kCommune, id, father, kAgent).has_value());
    const auto after = **m_service.household(kCommune, id);
    EXPECT_TRUE(after.children.empty());
    EXPECT_TRUE(after.authorised.empty());
    EXPECT_EQ(after.representatives.size(), 1u);
    EXPECT_TRUE(m_world.state().family.children.empty()) << "a child of no household is deleted";
}

TEST_F(FamilyServiceTest, InvalidValuesAreFieldErrorsAndWriteNothing) {
    const core::HouseholdId id = household();
    const int before = m_world.commits();
    struct Case {
        const char* what;
        std::function<core::Status(FieldErrors&)> act;
        const char* field;
    };
    const Case cases[] = {
        {"birth date in the future",
         [&](FieldErrors& e) {
             return m_service.add_child(kCommune, id, {"Dupont", "Léa", "2030-01-01", "female", "", "cp", "standard"},
                                        kAgent, e, kToday);
         },
         "birth_date"},
        {"phone of letters",
         [&](FieldErrors& e) {
             return m_service.add_authorised(kCommune, id, {"Martin", "J", "abc", ""}, kAgent, e);
         },
         "phone"},
        {"quotient not a number",
         [&](FieldErrors& e) {
             return m_service.record_quotient(kCommune, id, {"beaucoup", "caf", "2026-01-01", ""}, kAgent, e);
         },
         "amount"},
        {"quotient ending before it starts",
         [&](FieldErrors& e) {
             return m_service.record_quotient(kCommune, id, {"850", "caf", "2026-06-01", "2026-01-01"}, kAgent, e);
         },
         "valid_to"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        FieldErrors errors;
        ASSERT_TRUE(c.act(errors).has_value());
        ASSERT_FALSE(errors.empty());
        EXPECT_EQ(errors.front().field, c.field);
    }
    EXPECT_EQ(m_world.commits(), before);
}

TEST_F(FamilyServiceTest, ForeignIdsAreNotFoundAndChangeNothing) {
    const core::HouseholdId mine = household();
    const core::HouseholdId elsewhere = household(kOtherCommune, "Autre");
    const core::RepresentativeId foreign_person = people(elsewhere, kOtherCommune)[0].id;
    const int before = m_world.commits();
    FieldErrors errors;
    struct Case {
        const char* what;
        std::function<core::Status()> act;
    };
    const Case cases[] = {
        {"address of another commune's household",
         [&] { return m_service.update_address(kCommune, elsewhere, kAddress, kAgent, errors); }},
        {"child into another commune's household",
         [&] {
             return m_service.add_child(kCommune, elsewhere, {"A", "B", "2016-01-01", "male", "", "cp", "standard"},
                                        kAgent, errors, kToday);
         }},
        {"another household's representative",
         [&] { return m_service.remove_representative(kCommune, mine, foreign_person, kAgent); }},
        {"key of another household's representative",
         [&] { return m_service.issue_key(kCommune, mine, foreign_person, kAgent).map([](auto&&) {}); }},
        {"an authorised person that does not exist",
         [&] { return m_service.remove_authorised(kCommune, mine, core::AuthorisedPersonId{424242}, kAgent); }},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        const auto status = c.act();
        ASSERT_FALSE(status.has_value());
        EXPECT_EQ(status.error().code, core::ErrorCode::not_found);
    }
    EXPECT_EQ(m_world.commits(), before);
    EXPECT_FALSE(*m_service.household(kCommune, elsewhere)) << "a household is invisible from another commune";
}

TEST_F(FamilyServiceTest, AParentActsOnlyOnAHouseholdHeRepresentsCheckedInTheSameTransaction) {
    const core::HouseholdId mine = household();
    const core::HouseholdId theirs = household(kCommune, "Martin");
    const core::AccountId parent = account("marie");
    ASSERT_EQ(link(parent, key_for(mine, people(mine)[0].id)), LinkOutcome::linked);
    const int before = m_world.commits();

    FieldErrors errors;
    const auto refused =
        m_service.add_authorised_as_parent(kCommune, parent, theirs, {"Martin", "J", "0612345678", ""}, errors);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::not_found);
    EXPECT_EQ(m_world.commits(), before);
    EXPECT_TRUE(m_world.state().family.authorised.empty());

    ASSERT_TRUE(m_service.add_authorised_as_parent(kCommune, parent, mine, {"Martin", "J", "0612345678", ""}, errors)
                    .has_value());
    const auto added = m_world.state().family.authorised;
    ASSERT_EQ(added.size(), 1u);
    const core::AuthorisedPersonId person = added.begin()->second.id;
    const auto foreign_removal = m_service.remove_authorised_as_parent(kCommune, parent, theirs, person);
    ASSERT_FALSE(foreign_removal.has_value());
    EXPECT_EQ(m_world.state().family.authorised.size(), 1u);
    ASSERT_TRUE(m_service.remove_authorised_as_parent(kCommune, parent, mine, person).has_value());
    EXPECT_TRUE(m_world.state().family.authorised.empty());
}

TEST_F(FamilyServiceTest, AParentSeesHisChildrenByIdAndNoOneElses) {
    const core::HouseholdId mine = household();
    const core::HouseholdId theirs = household(kCommune, "Martin");
    FieldErrors errors;
    ASSERT_TRUE(m_service
                    .add_child(kCommune, mine, {"Dupont", "Rémi", "2016-09-01", "male", "", "cm1", "standard"}, kAgent,
                               errors, kToday)
                    .has_value());
    ASSERT_TRUE(m_service
                    .add_child(kCommune, theirs, {"Martin", "Hidden", "2017-01-01", "male", "", "ce2", "standard"},
                               kAgent, errors, kToday)
                    .has_value());
    const core::AccountId parent = account("marie");
    ASSERT_EQ(link(parent, key_for(mine, people(mine)[0].id)), LinkOutcome::linked);
    const auto records = *m_service.households_of(kCommune, parent);
    ASSERT_EQ(records.size(), 1u);
    const core::ChildId remi = records[0].children.at(0).id;
    const core::ChildId hidden = (*m_service.household(kCommune, theirs))->children.at(0).id;
    ASSERT_TRUE(*m_service.child_of(kCommune, parent, remi));
    EXPECT_FALSE(*m_service.child_of(kCommune, parent, hidden));
    EXPECT_FALSE(*m_service.child_of(kOtherCommune, parent, remi));
}

TEST_F(FamilyServiceTest, AKeyLinksOnceWithinItsCommuneAndANewOneReplacesIt) {
    const core::HouseholdId id = household();
    const core::RepresentativeId mother = people(id)[0].id;
    const std::string old_key = key_for(id, mother);
    const std::string key = key_for(id, mother);
    const core::AccountId parent = account("marie");
    const core::AccountId stranger = account("stranger");
    const core::AccountId elsewhere = account("elsewhere", kOtherCommune);

    EXPECT_EQ(link(parent, old_key), LinkOutcome::unknown_key) << "a re-issued key's old version stops working";
    EXPECT_EQ(m_service.link_account(kOtherCommune, elsewhere, key, "192.0.2.11").value(), LinkOutcome::unknown_key)
        << "a key never crosses communes";
    EXPECT_EQ(link(parent, key), LinkOutcome::linked);
    EXPECT_EQ(link(stranger, key), LinkOutcome::used_key);
    const auto person = people(id)[0];
    EXPECT_EQ(person.account, parent);
    EXPECT_TRUE(person.key_used_at);
    EXPECT_EQ(events(id, "account_linked"), 1u);
}

TEST_F(FamilyServiceTest, WrongKeysAreThrottledPerAccountAndEvenTheRightKeyWaits) {
    const core::HouseholdId id = household();
    const std::string key = key_for(id, people(id)[0].id);
    const core::AccountId parent = account("marie");
    // kAccountThrottle: three failures are free, the fourth blocks for one second, then two, four…
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(link(parent, "ABCD-EFGH-JKMN"), LinkOutcome::unknown_key) << i;
    }
    EXPECT_EQ(link(parent, key), LinkOutcome::throttled);
    EXPECT_FALSE(people(id)[0].account) << "a throttled attempt links nothing";
    m_clock.advance(2s);
    EXPECT_EQ(link(parent, key), LinkOutcome::linked);
}

TEST_F(FamilyServiceTest, AnExpiredKeyIsRefusedAsUnknown) {
    const core::HouseholdId id = household();
    const std::string key = key_for(id, people(id)[0].id);
    ASSERT_TRUE(people(id)[0].key_expires_at);
    EXPECT_EQ(*people(id)[0].key_expires_at, m_clock.now() + std::chrono::days(30));
    m_clock.advance(std::chrono::days(30));
    EXPECT_EQ(link(account("marie"), key), LinkOutcome::unknown_key);
    EXPECT_FALSE(people(id)[0].account);
}

TEST_F(FamilyServiceTest, AParentCannotTakeTheOtherRepresentativesKeyOfHisOwnHousehold) {
    const core::HouseholdId id = household();
    const std::string mother_key = key_for(id, people(id)[0].id);
    const std::string father_key = key_for(id, people(id)[1].id);
    const core::AccountId marie = account("marie");
    ASSERT_EQ(link(marie, mother_key), LinkOutcome::linked);
    EXPECT_EQ(link(marie, father_key), LinkOutcome::same_household);
    EXPECT_FALSE(people(id)[1].account);
    EXPECT_FALSE(people(id)[1].key_used_at) << "the father's key stays usable";
    EXPECT_EQ(link(account("xavier"), father_key), LinkOutcome::linked);
}

TEST_F(FamilyServiceTest, AKeySentByMailIsQueuedWithTheNewKeyAndNeverStoredInClear) {
    const core::HouseholdId id = household();
    ASSERT_TRUE(m_service.send_key_by_mail(kCommune, id, people(id)[0].id, kAgent, {"fr"}).has_value());
    const auto mails = m_world.state().identity.mails;
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].to, "marie@example.fr");
    EXPECT_EQ(mails[0].template_name, "childcare_key");
    const std::string sent = mails[0].variables.at("key");
    EXPECT_EQ(people(id)[0].key_digest, childcare_key_digest(*parse_childcare_key(sent), std::string(32, 'k')));
    EXPECT_EQ(events(id, "key_sent"), 1u);

    const auto no_address = m_service.send_key_by_mail(kCommune, id, people(id)[1].id, kAgent, {"fr"});
    ASSERT_FALSE(no_address.has_value());
    EXPECT_EQ(no_address.error().field, "email");
    EXPECT_EQ(m_world.state().identity.mails.size(), 1u);
}

TEST_F(FamilyServiceTest, LettersGoThroughTheUnlinkedRepresentativesChunkByChunkIssuingOneKeyEach) {
    const core::HouseholdId first = household();
    const core::HouseholdId second = household(kCommune, "Martin");
    (void)household(kOtherCommune, "Ailleurs");
    ASSERT_EQ(link(account("marie"), key_for(first, people(first)[0].id)), LinkOutcome::linked);
    EXPECT_EQ(*m_service.count_unlinked(kCommune), 3);

    const auto chunk = *m_service.issue_keys_for_unlinked(kCommune, kAgent, core::RepresentativeId{0}, 2);
    ASSERT_EQ(chunk.size(), 2u);
    EXPECT_EQ(chunk[0].representative.id, people(first)[1].id);
    EXPECT_EQ(chunk[1].household.id, second);
    const auto rest = *m_service.issue_keys_for_unlinked(kCommune, kAgent, chunk.back().representative.id, 2);
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].representative.id, people(second)[1].id);
    EXPECT_TRUE(m_service.issue_keys_for_unlinked(kCommune, kAgent, rest[0].representative.id, 2)->empty());

    // Each key printed is the one stored (as its digest), and the chunks left the linked parent alone.
    std::vector<IssuedKey> all = chunk;
    all.push_back(rest[0]);
    for (const IssuedKey& issued : all) {
        const auto stored = people(issued.household.id);
        const auto it = std::find_if(stored.begin(), stored.end(),
                                     [&](const Representative& p) { return p.id == issued.representative.id; });
        ASSERT_NE(it, stored.end());
        EXPECT_EQ(it->key_digest, childcare_key_digest(issued.key, std::string(32, 'k')));
    }
    EXPECT_TRUE(people(first)[0].key_used_at.has_value());
    EXPECT_EQ(events(second, "key_issued"), 2u);
    EXPECT_EQ(*m_service.count_unlinked(kOtherCommune), 2);
}

class ConfirmAndLinkTest : public FamilyServiceTest {
  protected:
    ConfirmAndLinkTest()
        : m_hasher({crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}),
          m_policy(m_common),
          m_devices("server key of the tests, 32 bytes"),
          m_identity{m_world, m_clock, m_hasher, m_policy, m_devices, identity::SessionPolicy{}} {}

    // Signs up with a clé enfance and returns the confirmation token mailed.
    std::string sign_up(const std::string& key) {
        identity::SignupForm form;
        form.contact.last_name = "Dupont";
        form.contact.first_name = "Marie";
        form.contact.address = kAddress;
        form.email = "marie@example.fr";
        form.username = "marie.dupont";
        form.password = "le chat dort sur le radiateur";
        form.childcare_key = key;
        identity::RegistrationService registration(m_identity);
        EXPECT_TRUE(registration.sign_up(kCommune, form, kOrigin, {"fr"})->empty());
        return m_world.state().identity.mails.back().variables.at("token");
    }

    identity::Account stored_account() { return m_world.state().identity.accounts.begin()->second; }

    identity::PasswordHasher m_hasher;
    identity::CommonPasswords m_common;
    identity::PasswordPolicy m_policy;
    identity::DeviceCookies m_devices;
    identity::IdentityContext m_identity;
};

TEST_F(ConfirmAndLinkTest, ConfirmingTheAddressLinksTheKeyTypedAtSignUpInOneCommit) {
    const core::HouseholdId id = household();
    const std::string token = sign_up(key_for(id, people(id)[0].id));
    const int before = m_world.commits();
    auto confirmed = m_service.confirm_email_and_link(kCommune, token, kOrigin);
    ASSERT_TRUE(confirmed.has_value()) << core::describe(confirmed.error());
    EXPECT_EQ(m_world.commits(), before + 1) << "confirmation, link and forgetting the key: one transaction";
    EXPECT_EQ(stored_account().status, identity::AccountStatus::active);
    EXPECT_TRUE(stored_account().pending_childcare_key.empty()) << "the key is not kept once used";
    EXPECT_EQ(people(id)[0].account, confirmed->id);
}

TEST_F(ConfirmAndLinkTest, AWrongKeyTypedAtSignUpLeavesTheAccountConfirmedAndMarksTheFailure) {
    household();
    const std::string token = sign_up("ABCD-EFGH-JKMN");
    auto confirmed = m_service.confirm_email_and_link(kCommune, token, kOrigin);
    ASSERT_TRUE(confirmed.has_value());
    EXPECT_EQ(stored_account().status, identity::AccountStatus::active);
    EXPECT_EQ(stored_account().pending_childcare_key, identity::kFailedChildcareKey);
    EXPECT_EQ(confirmed->pending_childcare_key, identity::kFailedChildcareKey);
}

TEST_F(ConfirmAndLinkTest, ADeadLinkConfirmsNothingAndLinksNothing) {
    const core::HouseholdId id = household();
    sign_up(key_for(id, people(id)[0].id));
    const int before = m_world.commits();
    const auto refused = m_service.confirm_email_and_link(kCommune, identity::generate_secret_token(), kOrigin);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().key, "err_token_invalid");
    EXPECT_EQ(m_world.commits(), before);
    EXPECT_EQ(stored_account().status, identity::AccountStatus::pending_confirmation);
    EXPECT_FALSE(people(id)[0].account);
}

}  // namespace
}  // namespace guichet::family
