#pragma once

#include <string>
#include <string_view>

namespace guichet::core {

// Returns the number of Unicode code points in UTF-8 text, counting each byte of an invalid sequence as one.
[[nodiscard]] std::size_t count_code_points(std::string_view text);

// Returns true when the text is well-formed UTF-8 without control characters other than tab, CR and LF.
[[nodiscard]] bool is_clean_utf8(std::string_view text);

// Returns the text with ASCII letters lowercased; other bytes unchanged. For identifiers and email addresses, whose
// comparison the portal makes case-insensitive on ASCII only.
[[nodiscard]] std::string ascii_lowercase(std::string_view text);

// Returns the text in capitals as a French surname is printed ("Lefèvre" → "LEFÈVRE", "d'Œuf" → "D'ŒUF"): ASCII,
// Latin-1 letters and œ/æ/ÿ are converted; other characters are left as they are.
[[nodiscard]] std::string uppercase_fr(std::string_view text);

// Returns well-formed UTF-8 of at most max_code_points code points: invalid bytes and control characters become
// U+FFFD, and the text is cut between characters. For text from outside (a User-Agent header) that is stored.
[[nodiscard]] std::string sanitize_utf8(std::string_view text, std::size_t max_code_points);

// Returns the text without leading and trailing ASCII white space.
[[nodiscard]] std::string trim(std::string_view text);

// Returns the decimal digits of a count in groups of three, `separator` between groups: (20000, "\u202F") gives
// "20 000" as French prints it (narrow no-break space), (20000, ",") "20,000" as English does.
[[nodiscard]] std::string group_digits(unsigned long long value, std::string_view separator);

}  // namespace guichet::core
