#pragma once

#include <string_view>

#include "core/result.h"

namespace guichet::tenancy {

// Checks that a slug can name a commune in URLs: 2 to 63 characters, lowercase ASCII letters, digits and single
// hyphens inside ("chanteloup-les-vignes"), and not one of the paths the portal keeps for itself ("assets",
// "healthz", …). Returns an invalid_input error for the field "slug" otherwise.
[[nodiscard]] core::Status validate_commune_slug(std::string_view slug);

// Returns true when the first path segment is reserved by the portal and can never be a commune.
[[nodiscard]] bool is_reserved_path_segment(std::string_view segment);

}  // namespace guichet::tenancy
