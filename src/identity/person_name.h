#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::identity {

// The longest first or last name accepted, in characters (code points).
inline constexpr std::size_t kMaxPersonNameLength = 60;

// Checks a person's first or last name, already trimmed, as a family or an agent types it (sign-up, contact
// details, staff, representatives, children, authorised persons, imports). A name is made of words of letters of any
// script (with their combining accents), joined by single spaces, hyphens or apostrophes (' ’ ʼ); a dot only closes
// an initial ("J.-P.", "A. Martin"). Refused, since names are printed in mails and letters sent by the town: digits,
// any other punctuation or symbol ("://", "@", "$"), control and invisible characters (bidi overrides, zero-width
// spaces), two separators in a row, a separator at either end, more than kMaxPersonNameLength characters.
// Returns the catalogue key of the problem: err_required, err_name_characters or err_too_long.
[[nodiscard]] std::optional<std::string> check_person_name(std::string_view name);

}  // namespace guichet::identity
