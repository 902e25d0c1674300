#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/view/embedded_files.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_mustache;
using mustache = basic_mustache<std::string>;
}  // namespace kainjow::mustache

namespace guichet::web {

// The Mustache templates under templates/ of the embedded assets, rendered with HTML escaping of every {{value}}.
// Views pass their data as JSON: objects, arrays, strings, numbers and booleans map to Mustache's data types.
// Thread-safe: each thread compiles its own copy of a template on first use (kainjow's render is not const).
class Templates {
  public:
    // Checks that every template compiles; throws std::runtime_error naming the first one that does not, so a bad
    // template stops the server at start-up rather than on a family's request.
    explicit Templates(const std::vector<EmbeddedFile>& files);

    // Renders the template "templates/<name>.mustache". Throws std::out_of_range for an unknown name, which is a
    // programming error.
    [[nodiscard]] std::string render(std::string_view name, const nlohmann::json& data) const;

    // Renders as above with `messages` visible as {{t.key}}. The messages object must outlive the Templates and never
    // change (the message catalogue): each thread writes its texts into its own compiled copy of the template once
    // (a page's data cannot replace them), and keeps it converted for the tags that stay.
    [[nodiscard]] std::string render(std::string_view name, const nlohmann::json& data,
                                     const nlohmann::json& messages) const;

  private:
    // Returns this thread's compiled copy of a template with the texts of `messages` in it (none for nullptr),
    // compiling it on first use.
    [[nodiscard]] kainjow::mustache::mustache& compiled(std::string_view name, const nlohmann::json* messages) const;

    std::map<std::string, std::string, std::less<>> m_sources;
    std::size_t m_generation;
};

}  // namespace guichet::web
