#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "web/request/language.h"
#include "web/view/embedded_files.h"

namespace guichet::web {

// The message catalogues, one pair per area of the portal (i18n/common/, i18n/identity/, i18n/family/…: fr.json and
// en.json, flat objects of key → text), merged. Every text shown to a person comes from here, never from C++ string
// literals in views.
class Catalogue {
  public:
    // Loads every area; throws std::runtime_error when a file does not parse, when an area's two languages hold
    // different keys (a key missing in English would show a blank on the page) or when two areas define one key.
    explicit Catalogue(const std::vector<EmbeddedFile>& files);

    // Returns the whole catalogue of a language, for templates ({{t.key}}).
    [[nodiscard]] const nlohmann::json& messages(Language language) const;

    // Returns one text; the key itself when it is unknown, so a mistake is visible rather than blank.
    [[nodiscard]] std::string text(Language language, std::string_view key) const;

    // Returns the text of an error's key with its parameters in place ("Fuseau horaire inconnu : {zone}").
    [[nodiscard]] std::string text(Language language, const core::Error& error) const;
    // Returns the text of a key with the values named in braces in place ("{done} / {total} {unit}").
    [[nodiscard]] std::string text(Language language, std::string_view key,
                                   const std::vector<core::ErrorParam>& values) const;

    // Returns true when the key exists (in both languages, as the constructor checks).
    [[nodiscard]] bool has(std::string_view key) const;

  private:
    nlohmann::json m_french;
    nlohmann::json m_english;
};

}  // namespace guichet::web
