#pragma once

#include <string_view>
#include <vector>

namespace guichet::web {

// A file of assets/ compiled into the binary: "css/app.css", "templates/layout.mustache", "i18n/fr.json", …
struct EmbeddedFile {
    std::string_view path;
    std::string_view bytes;
};

// Returns every embedded file, sorted by path. Generated at build time by cmake/Embed.cmake.
[[nodiscard]] const std::vector<EmbeddedFile>& embedded_files();

}  // namespace guichet::web
