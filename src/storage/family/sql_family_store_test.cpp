#include "storage/unit_of_work.h"

#include <gtest/gtest.h>

#include <tuple>

#include "core/fixed_clock.h"
#include "family/family_service.h"
#include "family/household_import.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"

namespace guichet::storage {
namespace {

const core::CivilDate kToday = *core::CivilDate::from_ymd(2026, 11, 26);

class SqlFamilyStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value());
        SqlCommuneRepository communes(m_test.database(), m_clock);
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        m_commune = communes.insert(commune)->id;
        commune.slug = "andresy";
        m_other = communes.insert(commune)->id;
        SqlUnitOfWork identities(m_test.database(), m_clock, MailDelivery::hold);
        ASSERT_TRUE(identities.identity()
                        .write([&](identity::Transaction& tx) -> core::Status {
                            for (const char* name : {"agent", "parent.a", "parent.b"}) {
                                identity::Account account;
                                account.commune = m_commune;
                                account.role = identity::Role::agent;
                                account.username = name;
                                account.email = std::string(name) + "@example.fr";
                                GUICHET_TRY(id, tx.identity().insert_account(account));
                                m_accounts.push_back(id);
                            }
                            return {};
                        })
                        .has_value());
    }

    core::HouseholdId household(core::CommuneId commune, const std::string& last_name) {
        family::FieldErrors errors;
        auto id = m_service.create_household(commune, {"18 avenue de Poissy", "", "78570", "Chanteloup-les-Vignes"},
                                             {{"madame", last_name, "Marie", "mother", "marie@example.fr", "", ""},
                                              {"monsieur", last_name, "Xavier", "father", "", "", ""}},
                                             std::nullopt, errors);
        EXPECT_TRUE(id.has_value());
        EXPECT_TRUE(errors.empty());
        return *id;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{*core::instant_from_iso_utc("2026-11-26T10:00:00Z")};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::hold};
    family::FamilyService m_service{m_store.family(), m_clock, std::string(32, 'k'), std::nullopt};
    core::CommuneId m_commune{0};
    core::CommuneId m_other{0};
    std::vector<core::AccountId> m_accounts;  // an agent, then two parents
};

TEST_F(SqlFamilyStoreTest, HouseholdsGetAReferenceAndKeepTheirMembersWithinTheCommune) {
    const auto id = household(m_commune, "Dupont");
    family::FieldErrors errors;
    ASSERT_TRUE(m_service
                    .add_child(m_commune, id,
                               {"Dupont", "Rémi", "2016-09-01", "male", "Victor Hugo", "cm1", "no_pork", false},
                               m_accounts[0], errors, kToday)
                    .has_value());
    ASSERT_TRUE(errors.empty());
    const auto record = m_service.household(m_commune, id);
    ASSERT_TRUE(record.has_value() && record->has_value());
    EXPECT_EQ((*record)->household.reference.rfind("F0", 0), 0u);
    ASSERT_EQ((*record)->representatives.size(), 2u);
    ASSERT_EQ((*record)->children.size(), 1u);
    EXPECT_EQ((*record)->children[0].diet, family::DietaryOption::no_pork);
    EXPECT_EQ((*record)->children[0].birth_date.format_fr(), "01/09/2016");
    EXPECT_FALSE(m_service.household(m_other, id)->has_value()) << "another commune sees nothing";
    EXPECT_EQ(m_service.search(m_commune, "rém")->size(), 1u) << "a child's first name, any ASCII case";
    EXPECT_EQ(m_service.search(m_commune, "REMI")->size(), 0u) << "accents count";
    EXPECT_EQ(m_service.search(m_commune, "dupont")->size(), 1u);
    EXPECT_EQ(m_service.search(m_commune, "Rémi")->size(), 1u);
    EXPECT_TRUE(m_service.search(m_other, "dupont")->empty());
    const auto history = m_service.history(m_commune, id);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->front().kind, "child_added");
}

TEST_F(SqlFamilyStoreTest, KeysLinkTheirOwnRepresentativeOnceAndNeverAcrossCommunes) {
    const auto id = household(m_commune, "Dupont");
    const auto record = *m_service.household(m_commune, id);
    const auto issued = m_service.issue_key(m_commune, id, record->representatives[0].id, m_accounts[0]);
    ASSERT_TRUE(issued.has_value());
    EXPECT_EQ(m_service.link_account(m_other, m_accounts[1], issued->key, "127.0.0.1").value(),
              family::LinkOutcome::unknown_key);
    EXPECT_EQ(m_service.link_account(m_commune, m_accounts[1], issued->key, "127.0.0.1").value(),
              family::LinkOutcome::linked);
    EXPECT_EQ(m_service.link_account(m_commune, m_accounts[2], issued->key, "127.0.0.2").value(),
              family::LinkOutcome::used_key);
    const auto mine = m_service.households_of(m_commune, m_accounts[1]);
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ(mine->front().household.id, id);
    EXPECT_TRUE(*m_service.represents(m_commune, m_accounts[1], id));
    EXPECT_FALSE(*m_service.represents(m_commune, m_accounts[2], id));
    EXPECT_EQ(*m_service.count_unlinked(m_commune), 1);
    const auto batch = m_service.issue_keys_for_unlinked(m_commune, m_accounts[0], core::RepresentativeId{0}, 500);
    ASSERT_EQ(batch->size(), 1u) << "only the second parent is still unlinked";
    EXPECT_EQ(batch->front().representative.first_name, "Xavier");
    EXPECT_TRUE(
        m_service.issue_keys_for_unlinked(m_commune, m_accounts[0], batch->front().representative.id, 500)->empty());
}

TEST_F(SqlFamilyStoreTest, AChildSharedByTwoHouseholdsStaysUntilTheLastOneLetsGo) {
    const auto first = household(m_commune, "Dupont");
    const auto second = household(m_commune, "Martin");
    family::FieldErrors errors;
    ASSERT_TRUE(m_service
                    .add_child(m_commune, first, {"Dupont", "Léa", "2018-03-04", "female", "", "", "", true},
                               m_accounts[0], errors, kToday)
                    .has_value());
    const core::ChildId child = (*m_service.household(m_commune, first))->children[0].id;
    ASSERT_TRUE(m_store.family()
                    .write([&](family::Transaction& tx) { return tx.family().attach_child(second, child); })
                    .has_value());
    ASSERT_TRUE(m_service.remove_child(m_commune, first, child, m_accounts[0]).has_value());
    EXPECT_EQ((*m_service.household(m_commune, second))->children.size(), 1u);
    ASSERT_TRUE(m_service.remove_child(m_commune, second, child, m_accounts[0]).has_value());
    EXPECT_TRUE((*m_service.household(m_commune, second))->children.empty());
    EXPECT_FALSE(m_service.remove_child(m_commune, second, child, m_accounts[0]).has_value());
}

TEST_F(SqlFamilyStoreTest, AParentsHouseholdsAndChildrenLoadWholeAndAgainWithOtherValues) {
    const auto first = household(m_commune, "Dupont");
    const auto second = household(m_commune, "Martin");
    family::FieldErrors errors;
    for (const auto& [id, name] : {std::pair{first, "Rémi"}, std::pair{first, "Léa"}, std::pair{second, "Hugo"}}) {
        ASSERT_TRUE(m_service
                        .add_child(m_commune, id, {"X", name, "2016-09-01", "male", "", "cm1", "standard", false},
                                   m_accounts[0], errors, kToday)
                        .has_value());
    }
    ASSERT_TRUE(
        m_service.add_authorised(m_commune, first, {"Martin", "Jeanne", "0612345678", ""}, m_accounts[0], errors)
            .has_value());
    ASSERT_TRUE(m_service.record_quotient(m_commune, second, {"640", "caf", "2026-01-01", ""}, m_accounts[0], errors)
                    .has_value());
    ASSERT_TRUE(errors.empty());
    const auto key_of = [&](core::HouseholdId id) {
        return m_service
            .issue_key(m_commune, id, (*m_service.household(m_commune, id))->representatives[0].id, m_accounts[0])
            ->key;
    };
    ASSERT_EQ(*m_service.link_account(m_commune, m_accounts[1], key_of(first), "127.0.0.1"),
              family::LinkOutcome::linked);
    ASSERT_EQ(*m_service.link_account(m_commune, m_accounts[2], key_of(second), "127.0.0.1"),
              family::LinkOutcome::linked);

    // The same prepared statements, run for two accounts in turn: each gets his own household, whole.
    for (int round = 0; round < 2; ++round) {
        const auto mine = *m_service.households_of(m_commune, m_accounts[1]);
        ASSERT_EQ(mine.size(), 1u);
        EXPECT_EQ(mine[0].household.id, first);
        EXPECT_EQ(mine[0].representatives.size(), 2u);
        ASSERT_EQ(mine[0].children.size(), 2u);
        EXPECT_EQ(mine[0].authorised.size(), 1u);
        EXPECT_TRUE(mine[0].quotients.empty());
        const auto theirs = *m_service.households_of(m_commune, m_accounts[2]);
        ASSERT_EQ(theirs.size(), 1u);
        EXPECT_EQ(theirs[0].household.id, second);
        ASSERT_EQ(theirs[0].children.size(), 1u);
        EXPECT_EQ(theirs[0].children[0].first_name, "Hugo");
        ASSERT_EQ(theirs[0].quotients.size(), 1u);
        EXPECT_EQ(theirs[0].quotients[0].amount_euros, 640);
        EXPECT_TRUE(m_service.households_of(m_other, m_accounts[1])->empty());

        const core::ChildId hugo = theirs[0].children[0].id;
        const auto profile = *m_service.child_of(m_commune, m_accounts[2], hugo);
        ASSERT_TRUE(profile);
        EXPECT_EQ(profile->child.first_name, "Hugo");
        EXPECT_TRUE(profile->authorised.empty());
        EXPECT_FALSE(*m_service.child_of(m_commune, m_accounts[1], hugo)) << "another household's child";
        const auto remi = *m_service.child_of(m_commune, m_accounts[1], mine[0].children[0].id);
        ASSERT_TRUE(remi);
        ASSERT_EQ(remi->authorised.size(), 1u);
        EXPECT_EQ(remi->authorised[0].first_name, "Jeanne");
    }
}

TEST_F(SqlFamilyStoreTest, AChildIsRepresentedThroughEachHouseholdOfTheAccountThatHoldsHimAndNoOther) {
    const auto first = household(m_commune, "Dupont");
    const auto second = household(m_commune, "Martin");
    family::FieldErrors errors;
    ASSERT_TRUE(m_service
                    .add_child(m_commune, first, {"Dupont", "Léa", "2018-03-04", "female", "", "", "", false},
                               m_accounts[0], errors, kToday)
                    .has_value());
    const core::ChildId lea = (*m_service.household(m_commune, first))->children[0].id;
    const auto link = [&](core::HouseholdId id, std::size_t representative, core::AccountId account) {
        const auto key = m_service.issue_key(
            m_commune, id, (*m_service.household(m_commune, id))->representatives[representative].id, m_accounts[0]);
        ASSERT_TRUE(key.has_value());
        ASSERT_EQ(*m_service.link_account(m_commune, account, key->key, "127.0.0.1"), family::LinkOutcome::linked);
    };
    link(first, 0, m_accounts[1]);
    link(second, 0, m_accounts[2]);
    const auto represented = [&](core::CommuneId commune, core::AccountId account) {
        std::optional<family::RepresentedChild> found;
        EXPECT_TRUE(m_store.family()
                        .read([&](family::Transaction& tx) -> core::Status {
                            GUICHET_TRY(child, tx.family().child_represented_by(commune, account, lea));
                            found = std::move(child);
                            return {};
                        })
                        .has_value());
        return found;
    };
    // Twice each: the statement is prepared once and run again with other values.
    for (int round = 0; round < 2; ++round) {
        const auto mine = represented(m_commune, m_accounts[1]);
        ASSERT_TRUE(mine);
        EXPECT_EQ(mine->child.first_name, "Léa");
        EXPECT_EQ(mine->households, std::vector<core::HouseholdId>{first});
        EXPECT_FALSE(represented(m_commune, m_accounts[2])) << "another household's child";
        EXPECT_FALSE(represented(m_other, m_accounts[1])) << "another commune";
    }
    // Once the child also lives in the second household, its parent represents him too; and a parent of both
    // households gets both, in id order.
    ASSERT_TRUE(m_store.family()
                    .write([&](family::Transaction& tx) { return tx.family().attach_child(second, lea); })
                    .has_value());
    const auto theirs = represented(m_commune, m_accounts[2]);
    ASSERT_TRUE(theirs);
    EXPECT_EQ(theirs->households, std::vector<core::HouseholdId>{second});
    link(second, 1, m_accounts[1]);  // the second household's other representative is the first parent
    const auto both = represented(m_commune, m_accounts[1]);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->households, (std::vector<core::HouseholdId>{first, second}));
}

TEST_F(SqlFamilyStoreTest, HouseholdsAndChildrenAreReadByIdsWithinTheCommuneOnly) {
    const auto first = household(m_commune, "Dupont");
    const auto second = household(m_commune, "Martin");
    const auto elsewhere = household(m_other, "Bernard");
    family::FieldErrors errors;
    for (const auto& [id, commune, name] : {std::tuple{first, m_commune, "Léa"}, std::tuple{second, m_commune, "Tom"},
                                            std::tuple{elsewhere, m_other, "Noé"}}) {
        ASSERT_TRUE(m_service
                        .add_child(commune, id, {"Famille", name, "2018-03-04", "female", "", "", "", false},
                                   m_accounts[0], errors, kToday)
                        .has_value());
    }
    const core::ChildId lea = (*m_service.household(m_commune, first))->children[0].id;
    const core::ChildId tom = (*m_service.household(m_commune, second))->children[0].id;
    const core::ChildId noe = (*m_service.household(m_other, elsewhere))->children[0].id;
    ASSERT_TRUE(m_store.family()
                    .read([&](family::Transaction& tx) -> core::Status {
                        GUICHET_TRY(households, tx.family().households_by_ids(
                                                    m_commune, {second, elsewhere, first, core::HouseholdId{999999}}));
                        EXPECT_EQ(households.size(), 2u);  // not the other commune's, not an unknown id
                        EXPECT_EQ(households[0].id, first);
                        EXPECT_EQ(households[1].id, second);
                        GUICHET_TRY(children, tx.family().children_by_ids(m_commune, {tom, noe, lea}));
                        EXPECT_EQ(children.size(), 2u);
                        EXPECT_EQ(children[0].id, lea);
                        EXPECT_EQ(children[0].first_name, "Léa");
                        EXPECT_EQ(children[1].id, tom);
                        GUICHET_TRY(none, tx.family().children_by_ids(m_commune, {}));
                        EXPECT_TRUE(none.empty());
                        return {};
                    })
                    .has_value());
}

TEST_F(SqlFamilyStoreTest, PickUpPersonsOfManyHouseholdsAreReadTogetherWithinTheCommuneOnly) {
    const auto first = household(m_commune, "Dupont");
    const auto second = household(m_commune, "Martin");
    const auto elsewhere = household(m_other, "Bernard");
    family::FieldErrors errors;
    for (const auto& [id, commune, name] :
         {std::tuple{second, m_commune, "Paul"}, std::tuple{first, m_commune, "Jeanne"},
          std::tuple{first, m_commune, "Yves"}, std::tuple{elsewhere, m_other, "Noé"}}) {
        ASSERT_TRUE(m_service.add_authorised(commune, id, {"Martin", name, "0612345678", ""}, m_accounts[0], errors)
                        .has_value());
    }
    ASSERT_TRUE(
        m_store.family()
            .read([&](family::Transaction& tx) -> core::Status {
                GUICHET_TRY(people, tx.family().authorised_of_households(m_commune, {second, elsewhere, first}));
                std::vector<std::string> names;
                for (const auto& person : people)
                    names.push_back(person.first_name);
                // By household then id; the other commune's household is not read.
                EXPECT_EQ(names, (std::vector<std::string>{"Jeanne", "Yves", "Paul"}));
                GUICHET_TRY(none, tx.family().authorised_of_households(m_commune, {}));
                EXPECT_TRUE(none.empty());
                return {};
            })
            .has_value());
}

std::string header() {
    std::string line;
    for (const auto& column : family::kImportColumns)
        line += (line.empty() ? "" : ";") + column;
    return line + "\n";
}

TEST_F(SqlFamilyStoreTest, AnImportWithABrokenLineImportsNothingUnlessAskedToSkipIt) {
    const std::string csv =
        header() +
        "A1;madame;Dupont;Marie;mere;marie@example.fr;0612345678;monsieur;Dupont;Xavier;pere;;;18 avenue de Poissy;;"
        "78570;Chanteloup-les-Vignes;Dupont;Rémi;01/09/2016;M;Victor Hugo;CM1;sans_porc;non\n"
        "A1;;;;;;;;;;;;;;;;;Dupont;Léa;04/03/2018;F;;;standard;oui\n"
        "B2;madame;Martin;Julie;mere;;;;;;;;;3 rue des Vignes;;7857;Chanteloup;Martin;Tom;31/02/2017;M;;;;\n";
    family::HouseholdImport import(m_store.family(), m_clock);
    const auto refused = import.run(m_commune, csv, false, std::nullopt, kToday);
    ASSERT_TRUE(refused.has_value());
    EXPECT_FALSE(refused->imported);
    ASSERT_EQ(refused->errors.size(), 2u);
    EXPECT_EQ(refused->errors[0].line, 4u);
    EXPECT_EQ(refused->errors[0].column, "code_postal");
    EXPECT_EQ(refused->errors[1].column, "enfant_naissance");
    EXPECT_TRUE(m_service.search(m_commune, "")->empty());

    std::vector<std::pair<std::size_t, std::size_t>> progress;
    const auto partial = import.run(m_commune, csv, true, std::nullopt, kToday,
                                    [&](std::size_t done, std::size_t total) { progress.emplace_back(done, total); });
    ASSERT_TRUE(partial->imported);
    EXPECT_EQ(partial->households, 1u);
    EXPECT_EQ(partial->children, 2u);
    EXPECT_EQ(progress.back(), std::make_pair(std::size_t{2}, std::size_t{2}));
    const auto found = m_service.search(m_commune, "A1");
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().children, "Rémi, Léa");

    const std::string tricky = header() +
                               "F000001;madame;A;B;mere;;;;;;;;;1 rue;;78570;Ville;;;;;;;;\n"
                               "C3;madame;Cruz;Ana;mere;;;;;;;;;1 rue;;78570;Ville;Cruz;Eva;01/01/2019;F;;;;\n"
                               "C3;;;;;;;;;;;;;;;;;Cruz;Leo;01/01/2020\n";
    const auto guarded = import.run(m_commune, tricky, true, std::nullopt, kToday);
    ASSERT_TRUE(guarded.has_value());
    EXPECT_EQ(guarded->households, 0u) << "a reserved reference, and a household with a short line, stay out";
    ASSERT_EQ(guarded->errors.size(), 2u);
    EXPECT_EQ(guarded->errors[0].message_key, "err_reference_invalid");
    EXPECT_EQ(guarded->errors[1].message_key, "err_csv_columns");

    const auto again = import.run(m_commune, csv, true, std::nullopt, kToday);
    EXPECT_EQ(again->households, 0u) << "a reference already imported is not imported twice";
    EXPECT_EQ(again->errors.front().message_key, "err_reference_taken");
}

}  // namespace
}  // namespace guichet::storage
