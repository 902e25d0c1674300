#pragma once

#include <string>
#include <string_view>

namespace guichet::web {

// Returns the first 12 hex digits of the BLAKE2b hash of the bytes: the version in an asset's or a logo's URL, and
// its ETag.
[[nodiscard]] std::string short_content_hash(std::string_view bytes);

}  // namespace guichet::web
