#include "core/local_time.h"

#include <cassert>
#include <string>

#include <fmt/format.h>

#include "core/digits.h"

namespace guichet::core {

namespace {

constexpr std::int32_t kSecondsPerDay = 24 * 60 * 60;

// The catalogue key of the message (assets/i18n).
constexpr std::string_view kFormatKey = "err_time_format";

}  // namespace

Result<LocalTime> LocalTime::from_hms(unsigned hour, unsigned minute, unsigned second) {
    if (hour >= 24 || minute >= 60 || second >= 60) {
        return fail(ErrorCode::invalid_input, "err_time_nonexistent");
    }
    return LocalTime(static_cast<std::int32_t>(hour * 3600 + minute * 60 + second));
}

LocalTime LocalTime::from_seconds_since_midnight(std::int32_t seconds) noexcept {
    assert(seconds >= 0 && seconds < kSecondsPerDay);
    return LocalTime(seconds);
}

Result<LocalTime> LocalTime::parse_iso(std::string_view text) {
    const bool with_seconds = text.size() == 8;
    if ((text.size() != 5 && !with_seconds) || text[2] != ':' || (with_seconds && text[5] != ':')) {
        return fail(ErrorCode::invalid_input, std::string(kFormatKey));
    }
    const auto hour = parse_digits(text.substr(0, 2));
    const auto minute = parse_digits(text.substr(3, 2));
    const auto second = with_seconds ? parse_digits(text.substr(6, 2)) : std::optional<unsigned>(0);
    if (!hour || !minute || !second) {
        return fail(ErrorCode::invalid_input, std::string(kFormatKey));
    }
    return from_hms(*hour, *minute, *second);
}

std::string LocalTime::to_iso() const {
    return fmt::format("{:02}:{:02}:{:02}", hour(), minute(), second());
}

std::string LocalTime::format_fr() const {
    return fmt::format("{:02}:{:02}", hour(), minute());
}

}  // namespace guichet::core
