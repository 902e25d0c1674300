#pragma once

#include <optional>
#include <string>

#include "catalog/allocation_rules.h"
#include "catalog/catalog_file_fields.h"

namespace guichet::catalog::file {

// A session's "allocation" member (docs/catalog-format.md), for the catalogue file's reader and writer. Reading
// records every fault in `in` and returns nothing when there was one; a session without the member is first come.
[[nodiscard]] std::optional<SessionAllocation> read_allocation(FieldReader& in, const Json& item,
                                                               const std::string& path);
// The member's value; REQUIRES: allocation.pre_registration().
[[nodiscard]] nlohmann::ordered_json allocation_json(const SessionAllocation& allocation);

}  // namespace guichet::catalog::file
