#include "web/view/static_assets.h"

#include "web/http/content_hash.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace guichet::web {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_public_asset(std::string_view path) {
    return path.rfind("css/", 0) == 0 || path.rfind("js/", 0) == 0 || path.rfind("img/", 0) == 0 ||
           path.rfind("fonts/", 0) == 0;
}

// "css/app.css" + "abc" → "css/app.abc.css"
std::string hashed_name(std::string_view path, const std::string& hash) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
        return std::string(path) + "." + hash;
    }
    return std::string(path.substr(0, dot)) + "." + hash + std::string(path.substr(dot));
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
    struct Type {
        std::string_view extension;
        std::string_view media_type;
    };
    static constexpr std::array<Type, 10> kTypes = {{
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    }};
    for (const auto& type : kTypes) {
        if (ends_with(path, type.extension)) {
            return type.media_type;
        }
    }
    return "application/octet-stream";
}

StaticAssets::StaticAssets(const std::vector<EmbeddedFile>& files) {
    for (const EmbeddedFile& file : files) {
        if (!is_public_asset(file.path)) {
            continue;
        }
        const std::string hash = short_content_hash(file.bytes);
        StaticAsset asset{std::string(file.path), std::string(kUrlPrefix) + hashed_name(file.path, hash),
                          std::string(content_type_for(file.path)), "\"" + hash + "\"", file.bytes};
        m_by_logical.emplace(asset.logical_path, m_assets.size());
        m_by_url.emplace(asset.url, m_assets.size());
        m_assets.push_back(std::move(asset));
    }
}

std::string StaticAssets::url_for(std::string_view logical_path) const {
    const auto it = m_by_logical.find(std::string(logical_path));
    return it == m_by_logical.end() ? std::string() : m_assets[it->second].url;
}

const StaticAsset* StaticAssets::find_by_url(std::string_view url) const {
    const auto it = m_by_url.find(std::string(url));
    return it == m_by_url.end() ? nullptr : &m_assets[it->second];
}

}  // namespace guichet::web
