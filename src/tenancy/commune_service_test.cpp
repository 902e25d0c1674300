#include "tenancy/commune_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace guichet::tenancy {
namespace {

class InMemoryCommuneRepository final : public CommuneRepository {
  public:
    core::Result<Commune> insert(const NewCommune& commune) override {
        if (m_by_slug.count(commune.slug) != 0) {
            return core::fail(core::ErrorCode::conflict, "taken", "slug");
        }
        Commune stored{
            core::CommuneId{++m_next_id}, commune.slug, commune.name, commune.time_zone, commune.contact, commune.logo};
        m_by_slug[commune.slug] = stored;
        return stored;
    }
    core::Status update_settings(const Commune& commune) override {
        auto it = m_by_slug.find(commune.slug);
        if (it == m_by_slug.end()) {
            return core::fail(core::ErrorCode::not_found, "missing");
        }
        it->second = commune;
        return {};
    }
    core::Result<std::optional<Commune>> find_by_slug(std::string_view slug) override {
        auto it = m_by_slug.find(std::string(slug));
        if (it == m_by_slug.end()) {
            return std::optional<Commune>{};
        }
        return std::optional<Commune>{it->second};
    }
    core::Result<std::optional<Commune>> find_by_id(core::CommuneId id) override {
        for (const auto& [slug, commune] : m_by_slug) {
            if (commune.id == id) {
                return std::optional<Commune>{commune};
            }
        }
        return std::optional<Commune>{};
    }
    core::Result<std::vector<Commune>> list() override {
        std::vector<Commune> all;
        for (const auto& [slug, commune] : m_by_slug) {
            all.push_back(commune);
        }
        return all;
    }

  private:
    std::map<std::string, Commune> m_by_slug;
    std::int64_t m_next_id = 0;
};

NewCommune chanteloup() {
    NewCommune commune;
    commune.slug = "chanteloup-les-vignes";
    commune.name = "  Chanteloup-les-Vignes ";
    commune.contact.email = "inscriptionenfance@chanteloup-les-vignes.fr";
    return commune;
}

TEST(CommuneService, CreatesACommuneWithATrimmedName) {
    InMemoryCommuneRepository repository;
    CommuneService service(repository);
    const auto created = service.create(chanteloup());
    ASSERT_TRUE(created.has_value()) << core::describe(created.error());
    EXPECT_EQ(created->name, "Chanteloup-les-Vignes");
    EXPECT_EQ(created->id.value(), 1);
}

TEST(CommuneService, RefusesInvalidSettingsNamingTheField) {
    struct Case {
        const char* what;
        void (*mutate)(NewCommune&);
        const char* field;
    };
    const Case cases[] = {
        {"bad slug", [](NewCommune& c) { c.slug = "Chanteloup"; }, "slug"},
        {"empty name", [](NewCommune& c) { c.name = "   "; }, "name"},
        {"unknown zone", [](NewCommune& c) { c.time_zone = "Europe/Chanteloup"; }, "time_zone"},
        {"bad email", [](NewCommune& c) { c.contact.email = "guichet at mairie"; }, "email"},
        {"gif logo",
         [](NewCommune& c) {
             c.logo = Logo{"image/gif", "GIF89a"};
         },
         "logo"},
        {"huge logo",
         [](NewCommune& c) {
             c.logo = Logo{"image/png", std::string(CommuneService::kMaxLogoBytes + 1, 'x')};
         },
         "logo"},
    };
    for (const auto& c : cases) {
        InMemoryCommuneRepository repository;
        CommuneService service(repository);
        auto commune = chanteloup();
        c.mutate(commune);
        const auto result = service.create(commune);
        ASSERT_FALSE(result.has_value()) << c.what;
        EXPECT_EQ(result.error().code, core::ErrorCode::invalid_input) << c.what;
        EXPECT_EQ(result.error().field, c.field) << c.what;
        EXPECT_TRUE(repository.list()->empty()) << c.what;
    }
}

TEST(CommuneService, ATakenSlugIsAConflict) {
    InMemoryCommuneRepository repository;
    CommuneService service(repository);
    ASSERT_TRUE(service.create(chanteloup()).has_value());
    const auto again = service.create(chanteloup());
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::conflict);
}

TEST(PhoneUri, FrenchNumbersGetTheCountryCode) {
    EXPECT_EQ(phone_uri("01 39 74 29 12"), "tel:+33139742912");
    EXPECT_EQ(phone_uri("+33 1 39 74 29 12"), "tel:+33139742912");
    EXPECT_EQ(phone_uri("3939"), "tel:3939");
    EXPECT_EQ(phone_uri("néant"), "");
}

}  // namespace
}  // namespace guichet::tenancy
