#include "web/i18n.h"

#include <stdexcept>

#include "web/http.h"

namespace guichet::web {
namespace {

nlohmann::json load(const std::vector<EmbeddedFile>& files, std::string_view path) {
    for (const EmbeddedFile& file : files) {
        if (file.path == path) {
            auto parsed = nlohmann::json::parse(file.bytes, nullptr, false);
            if (parsed.is_discarded() || !parsed.is_object()) {
                throw std::runtime_error("Message catalogue " + std::string(path) + " is not a JSON object");
            }
            for (const auto& [key, value] : parsed.items()) {
                if (!value.is_string()) {
                    throw std::runtime_error("Message " + key + " in " + std::string(path) + " is not a string");
                }
            }
            return parsed;
        }
    }
    throw std::runtime_error("Message catalogue " + std::string(path) + " is missing");
}

}  // namespace

std::string_view language_code(Language language) {
    return language == Language::fr ? "fr" : "en";
}

std::optional<Language> language_from_code(std::string_view code) {
    const std::string_view primary = code.substr(0, code.find_first_of("-_"));
    if (iequals(primary, "fr"))
        return Language::fr;
    if (iequals(primary, "en"))
        return Language::en;
    return std::nullopt;
}

Catalogue::Catalogue(const std::vector<EmbeddedFile>& files)
    : m_french(load(files, "i18n/fr.json")), m_english(load(files, "i18n/en.json")) {
    for (const auto& [key, value] : m_french.items()) {
        if (!m_english.contains(key)) {
            throw std::runtime_error("Message " + key + " has no English text");
        }
    }
    for (const auto& [key, value] : m_english.items()) {
        if (!m_french.contains(key)) {
            throw std::runtime_error("Message " + key + " has no French text");
        }
    }
}

const nlohmann::json& Catalogue::messages(Language language) const {
    return language == Language::fr ? m_french : m_english;
}

std::string Catalogue::text(Language language, std::string_view key) const {
    const nlohmann::json& messages = this->messages(language);
    const auto it = messages.find(std::string(key));
    return it == messages.end() ? std::string(key) : it->get<std::string>();
}

std::string Catalogue::text(Language language, const core::Error& error) const {
    std::string result = text(language, error.key);
    for (const auto& param : error.params) {
        const std::string placeholder = "{" + param.name + "}";
        for (auto at = result.find(placeholder); at != std::string::npos;
             at = result.find(placeholder, at + param.value.size())) {
            result.replace(at, placeholder.size(), param.value);
        }
    }
    return result;
}

bool Catalogue::has(std::string_view key) const {
    return m_french.contains(std::string(key));
}

}  // namespace guichet::web
