#include "storage/tenancy/sql_commune_repository.h"

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/test_database.h"

namespace guichet::storage {
namespace {

class SqlCommuneRepositoryTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value()); }

    tenancy::NewCommune chanteloup() const {
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        commune.contact = {"Guichet unique",
                           "Espace Victor Hugo • 18 avenue de Poissy",
                           "78570 Chanteloup-les-Vignes",
                           "01 39 74 29 12",
                           "inscriptionenfance@chanteloup-les-vignes.fr",
                           "Du lundi au vendredi : 9h-12h / 13h30-18h"};
        return commune;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{core::Instant{}};
    SqlCommuneRepository m_repository{m_test.database(), m_clock};
};

TEST_F(SqlCommuneRepositoryTest, StoresAndFindsACommuneWithItsContactBlock) {
    const auto created = m_repository.insert(chanteloup());
    ASSERT_TRUE(created.has_value()) << core::describe(created.error());
    EXPECT_GT(created->id.value(), 0);

    const auto found = m_repository.find_by_slug("chanteloup-les-vignes");
    ASSERT_TRUE(found.has_value());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->name, "Chanteloup-les-Vignes");
    EXPECT_EQ((*found)->contact.address, "Espace Victor Hugo • 18 avenue de Poissy");
    EXPECT_EQ((*found)->contact.opening_hours, "Du lundi au vendredi : 9h-12h / 13h30-18h");
    EXPECT_FALSE((*found)->logo.has_value());
}

TEST_F(SqlCommuneRepositoryTest, FindsByIdToo) {
    const auto created = m_repository.insert(chanteloup());
    ASSERT_TRUE(created.has_value());
    const auto found = m_repository.find_by_id(created->id);
    ASSERT_TRUE(found.has_value() && found->has_value());
    EXPECT_EQ((*found)->slug, "chanteloup-les-vignes");
    EXPECT_FALSE(m_repository.find_by_id(core::CommuneId{created->id.value() + 1})->has_value());
}

TEST_F(SqlCommuneRepositoryTest, UnknownSlugIsNotAnError) {
    const auto found = m_repository.find_by_slug("nulle-part");
    ASSERT_TRUE(found.has_value());
    EXPECT_FALSE(found->has_value());
}

TEST_F(SqlCommuneRepositoryTest, ADuplicateSlugIsAConflictOnTheSlugField) {
    ASSERT_TRUE(m_repository.insert(chanteloup()).has_value());
    const auto again = m_repository.insert(chanteloup());
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::conflict);
    EXPECT_EQ(again.error().field, "slug");
    EXPECT_EQ(m_repository.list()->size(), 1u);
}

TEST_F(SqlCommuneRepositoryTest, UpdatesSettingsAndKeepsBinaryLogosIntact) {
    auto created = m_repository.insert(chanteloup());
    ASSERT_TRUE(created.has_value());
    tenancy::Commune commune = *created;
    commune.name = "Chanteloup";
    commune.logo = tenancy::Logo{"image/png", std::string("\x89PNG\r\n\x1a\n\0\xff", 10)};
    ASSERT_TRUE(m_repository.update_settings(commune).has_value());
    const auto found = m_repository.find_by_slug("chanteloup-les-vignes");
    ASSERT_TRUE(found.has_value() && found->has_value());
    EXPECT_EQ((*found)->name, "Chanteloup");
    ASSERT_TRUE((*found)->logo.has_value());
    EXPECT_EQ((*found)->logo->bytes, std::string("\x89PNG\r\n\x1a\n\0\xff", 10));

    tenancy::Commune ghost = commune;
    ghost.id = core::CommuneId{9999};
    const auto missing = m_repository.update_settings(ghost);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, core::ErrorCode::not_found);
}

TEST_F(SqlCommuneRepositoryTest, ListsCommunesBySlug) {
    auto second = chanteloup();
    second.slug = "andresy";
    second.name = "Andrésy";
    ASSERT_TRUE(m_repository.insert(chanteloup()).has_value());
    ASSERT_TRUE(m_repository.insert(second).has_value());
    const auto all = m_repository.list();
    ASSERT_TRUE(all.has_value());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].slug, "andresy");
    EXPECT_EQ((*all)[1].name, "Chanteloup-les-Vignes");
}

}  // namespace
}  // namespace guichet::storage
