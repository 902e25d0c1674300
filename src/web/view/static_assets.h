#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "web/view/embedded_files.h"

namespace guichet::web {

// A stylesheet, script, image or font served under a name that carries a hash of its content
// ("/assets/css/app.3f9a1c2b7d4e.css"), so browsers may cache it for a year: a new build changes the name.
struct StaticAsset {
    std::string logical_path;  // "css/app.css"
    std::string url;           // "/assets/css/app.3f9a1c2b7d4e.css"
    std::string content_type;  // "text/css; charset=utf-8"
    std::string etag;          // "\"3f9a1c2b7d4e\""
    std::string_view bytes;
};

class StaticAssets {
  public:
    // Indexes the embedded files under css/, js/, img/ and fonts/.
    explicit StaticAssets(const std::vector<EmbeddedFile>& files);

    // Returns the hashed URL of an asset ("css/app.css" → "/assets/css/app.<hash>.css"), or an empty string for an
    // unknown asset.
    [[nodiscard]] std::string url_for(std::string_view logical_path) const;

    // Returns the asset served at this URL path (the full path, "/assets/…"), or nullptr.
    [[nodiscard]] const StaticAsset* find_by_url(std::string_view url) const;

    static constexpr std::string_view kUrlPrefix = "/assets/";
    static constexpr std::string_view kCacheControl = "public, max-age=31536000, immutable";

  private:
    std::vector<StaticAsset> m_assets;
    std::unordered_map<std::string, std::size_t> m_by_logical;
    std::unordered_map<std::string, std::size_t> m_by_url;
};

// Returns the media type for a file name by its extension; application/octet-stream when unknown.
[[nodiscard]] std::string_view content_type_for(std::string_view path);

}  // namespace guichet::web
