#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "web/embedded_files.h"

namespace guichet::web {

// The languages of the interface. French is the reference and the default.
enum class Language { fr, en };

[[nodiscard]] std::string_view language_code(Language language);
// Returns the language for "fr"/"en" (case-insensitive, region ignored: "en-GB"), or std::nullopt.
[[nodiscard]] std::optional<Language> language_from_code(std::string_view code);

// The message catalogues i18n/fr.json and i18n/en.json: flat objects of key → text. Every text shown to a person
// comes from here, never from C++ string literals in views.
class Catalogue {
  public:
    // Loads both catalogues; throws std::runtime_error when one is missing, does not parse, or when their key sets
    // differ (a key missing in English would show a blank on the page).
    explicit Catalogue(const std::vector<EmbeddedFile>& files);

    // Returns the whole catalogue of a language, for templates ({{t.key}}).
    [[nodiscard]] const nlohmann::json& messages(Language language) const;

    // Returns one text; the key itself when it is unknown, so a mistake is visible rather than blank.
    [[nodiscard]] std::string text(Language language, std::string_view key) const;

    // Returns the text of an error's key with its parameters in place ("Fuseau horaire inconnu : {zone}").
    [[nodiscard]] std::string text(Language language, const core::Error& error) const;

    // Returns true when the key exists (in both languages, as the constructor checks).
    [[nodiscard]] bool has(std::string_view key) const;

  private:
    nlohmann::json m_french;
    nlohmann::json m_english;
};

}  // namespace guichet::web
