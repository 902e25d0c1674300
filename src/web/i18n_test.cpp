#include "web/i18n.h"

#include <gtest/gtest.h>

#include "web/embedded_files.h"

namespace guichet::web {
namespace {

TEST(Catalogue, TheShippedCataloguesHaveTheSameKeys) {
    const Catalogue catalogue(embedded_files());  // throws if a key is missing in one language
    EXPECT_EQ(catalogue.text(Language::fr, "language_name"), "Français");
    EXPECT_EQ(catalogue.text(Language::en, "language_name"), "English");
    EXPECT_EQ(catalogue.text(Language::fr, "no_such_key"), "no_such_key");
}

TEST(Catalogue, RefusesCataloguesThatDisagree) {
    const std::vector<EmbeddedFile> files = {{"i18n/fr.json", R"({"a":"A","b":"B"})"},
                                             {"i18n/en.json", R"({"a":"A"})"}};
    EXPECT_THROW(Catalogue{files}, std::runtime_error);
    const std::vector<EmbeddedFile> broken = {{"i18n/fr.json", "{"}, {"i18n/en.json", "{}"}};
    EXPECT_THROW(Catalogue{broken}, std::runtime_error);
}

TEST(Language, CodesIgnoreRegionAndCase) {
    EXPECT_EQ(language_from_code("EN-gb"), Language::en);
    EXPECT_EQ(language_from_code("fr"), Language::fr);
    EXPECT_EQ(language_from_code("de"), std::nullopt);
}

}  // namespace
}  // namespace guichet::web
