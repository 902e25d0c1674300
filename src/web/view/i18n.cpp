#include "web/view/i18n.h"

#include <map>
#include <stdexcept>

namespace guichet::web {
namespace {

nlohmann::json parse(const EmbeddedFile& file) {
    auto parsed = nlohmann::json::parse(file.bytes, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw std::runtime_error("Message catalogue " + std::string(file.path) + " is not a JSON object");
    }
    for (const auto& [key, value] : parsed.items()) {
        if (!value.is_string()) {
            throw std::runtime_error("Message " + key + " in " + std::string(file.path) + " is not a string");
        }
    }
    return parsed;
}

// "i18n/family/fr.json" → {"family", "fr"}; anything else → empty.
std::pair<std::string, std::string> area_and_language(std::string_view path) {
    constexpr std::string_view kPrefix = "i18n/";
    constexpr std::string_view kSuffix = ".json";
    if (path.rfind(kPrefix, 0) != 0 || path.size() <= kPrefix.size() + kSuffix.size() ||
        path.substr(path.size() - kSuffix.size()) != kSuffix) {
        return {};
    }
    const std::string_view rest = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || rest.find('/', slash + 1) != std::string_view::npos) {
        return {};
    }
    return {std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
}

}  // namespace

Catalogue::Catalogue(const std::vector<EmbeddedFile>& files)
    : m_french(nlohmann::json::object()), m_english(nlohmann::json::object()) {
    // One file per area and language (i18n/<area>/<language>.json); an area's two files hold the same keys, and a
    // key belongs to one area only.
    std::map<std::string, std::map<std::string, nlohmann::json>> areas;
    for (const EmbeddedFile& file : files) {
        auto [area, language] = area_and_language(file.path);
        if (area.empty()) {
            continue;
        }
        if (language != "fr" && language != "en") {
            throw std::runtime_error("Message catalogue " + std::string(file.path) + " is of an unknown language");
        }
        areas[area][language] = parse(file);
    }
    if (areas.empty()) {
        throw std::runtime_error("No message catalogue (i18n/<area>/fr.json)");
    }
    for (auto& [area, languages] : areas) {
        if (languages.count("fr") == 0 || languages.count("en") == 0) {
            throw std::runtime_error("Message catalogues of " + area + " need both fr.json and en.json");
        }
        const nlohmann::json& french = languages["fr"];
        const nlohmann::json& english = languages["en"];
        for (const auto& [key, value] : french.items()) {
            if (!english.contains(key)) {
                throw std::runtime_error("Message " + key + " (" + area + ") has no English text");
            }
            if (m_french.contains(key)) {
                throw std::runtime_error("Message " + key + " is defined by two areas, " + area + " and another");
            }
            m_french[key] = value;
            m_english[key] = english[key];
        }
        for (const auto& [key, value] : english.items()) {
            if (!french.contains(key)) {
                throw std::runtime_error("Message " + key + " (" + area + ") has no French text");
            }
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
    return text(language, error.key, error.params);
}

std::string Catalogue::text(Language language, std::string_view key,
                            const std::vector<core::ErrorParam>& values) const {
    std::string result = text(language, key);
    for (const auto& param : values) {
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
