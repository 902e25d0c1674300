#include "web/view/i18n.h"

#include <gtest/gtest.h>

#include "web/view/embedded_files.h"

namespace guichet::web {
namespace {

TEST(Catalogue, TheShippedCataloguesHaveTheSameKeys) {
    const Catalogue catalogue(embedded_files());  // throws if a key is missing in one language
    EXPECT_EQ(catalogue.text(Language::fr, "language_name"), "Français");
    EXPECT_EQ(catalogue.text(Language::en, "language_name"), "English");
    EXPECT_EQ(catalogue.text(Language::fr, "no_such_key"), "no_such_key");
}

TEST(Catalogue, RefusesCataloguesThatDisagree) {
    const std::vector<EmbeddedFile> files = {{"i18n/x/fr.json", R"({"a":"A","b":"B"})"},
                                             {"i18n/x/en.json", R"({"a":"A"})"}};
    EXPECT_THROW(Catalogue{files}, std::runtime_error);
    const std::vector<EmbeddedFile> broken = {{"i18n/x/fr.json", "{"}, {"i18n/x/en.json", "{}"}};
    EXPECT_THROW(Catalogue{broken}, std::runtime_error);
    const std::vector<EmbeddedFile> twice = {{"i18n/x/fr.json", R"({"a":"A"})"},
                                             {"i18n/x/en.json", R"({"a":"A"})"},
                                             {"i18n/y/fr.json", R"({"a":"B"})"},
                                             {"i18n/y/en.json", R"({"a":"B"})"}};
    EXPECT_THROW(Catalogue{twice}, std::runtime_error) << "a key belongs to one area";
    const std::vector<EmbeddedFile> lonely = {{"i18n/x/fr.json", R"({"a":"A"})"}};
    EXPECT_THROW(Catalogue{lonely}, std::runtime_error) << "an area without its English file";
}

TEST(Catalogue, MergesTheAreasAndFillsAnErrorsParameters) {
    const std::vector<EmbeddedFile> files = {{"i18n/x/fr.json", R"({"a":"A {n} et {n}"})"},
                                             {"i18n/x/en.json", R"({"a":"A {n} and {n}"})"},
                                             {"i18n/y/fr.json", R"({"b":"B"})"},
                                             {"i18n/y/en.json", R"({"b":"Bee"})"}};
    const Catalogue catalogue(files);
    EXPECT_EQ(catalogue.text(Language::en, "b"), "Bee");
    EXPECT_TRUE(catalogue.has("a"));
    EXPECT_FALSE(catalogue.has("c"));
    const auto error = core::make_error(core::ErrorCode::invalid_input, "a").with("n", "{n}2");
    EXPECT_EQ(catalogue.text(Language::fr, error), "A {n}2 et {n}2") << "a value is put in once, never expanded";
}

TEST(Language, CodesIgnoreRegionAndCase) {
    EXPECT_EQ(language_from_code("EN-gb"), Language::en);
    EXPECT_EQ(language_from_code("fr"), Language::fr);
    EXPECT_EQ(language_from_code("de"), std::nullopt);
}

}  // namespace
}  // namespace guichet::web
