#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/weekdays.h"
#include "core/civil_date.h"

namespace guichet::storage::catalog_columns {

// How the catalogue's tables spell what is not a plain column: dates as ISO text, lists as comma-separated codes.

// The date of an ISO column ("2025-09-01"); 1970-01-01 for text that is not one (never written by the store).
[[nodiscard]] core::CivilDate date_of(const std::string& text);
[[nodiscard]] std::string join(const std::vector<std::string_view>& parts);
[[nodiscard]] std::vector<std::string> split(const std::string& text);
// "monday,tuesday,thursday,friday", and back.
[[nodiscard]] std::string weekdays_text(const catalog::Weekdays& days);
[[nodiscard]] catalog::Weekdays weekdays_of(const std::string& text);

}  // namespace guichet::storage::catalog_columns
