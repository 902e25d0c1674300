#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace guichet::family {

// One record of a CSV file with the number of the line it starts on (1 for the header).
struct CsvRecord {
    std::size_t line;
    std::vector<std::string> fields;
};

// Parses CSV text (RFC 4180 quoting, `delimiter` between fields, CRLF or LF line ends) with libcsv. A UTF-8 byte-order
// mark at the start is skipped. Returns invalid_input "err_csv_encoding" when the text is not UTF-8, or
// "err_csv_quotes" when a quoted field never ends.
[[nodiscard]] core::Result<std::vector<CsvRecord>> read_csv(std::string_view text, char delimiter);

}  // namespace guichet::family
