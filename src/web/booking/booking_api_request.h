#pragma once

#include <tl/expected.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/booking_service.h"

namespace guichet::web {

// What an API client asks of a batch: the days of one activity, named one by one or by a weekly pattern, and for a
// confirmation the fingerprint of the summary it was shown.
struct ApiBatchRequest {
    core::ActivityId activity{0};
    std::vector<core::CivilDate> days;               // when the client named days
    std::optional<booking::PatternRequest> pattern;  // when it gave a pattern instead
    std::string fingerprint;
};

// Why a body was refused: 400 for a body that is not a JSON object or a member of the wrong type (or unknown, or
// missing), 422 for a value of the right type that means nothing (a date, a weekday, an end). `field` is the JSON
// path of the member ("pattern.from"), `key` the catalogue key of the message.
struct ApiRequestError {
    int status = 400;
    std::string field;
    std::string key;
};

enum class FingerprintRule { absent, required };

// Reads the body of a summary (fingerprint absent) or a confirmation (fingerprint required):
//   {"activity": 12, "days": ["2026-12-07", …]}  or
//   {"activity": 12, "pattern": {"weekdays": ["monday", …], "every_other_week": false, "from": "2026-12-07",
//                                "until": "next_holidays" | "end_of_school_year"}}
// exactly one of days and pattern; a pattern's every_other_week (false), from (`today`) and until
// (end_of_school_year) may be left out. Members other than these are refused, so that a misspelt one is not
// silently ignored.
[[nodiscard]] tl::expected<ApiBatchRequest, ApiRequestError> read_batch_request(std::string_view body,
                                                                                FingerprintRule fingerprint,
                                                                                core::CivilDate today);

}  // namespace guichet::web
