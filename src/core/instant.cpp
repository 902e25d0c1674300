#include "core/instant.h"

#include <chrono>
#include <string>

#include <date/date.h>

#include "core/civil_date.h"
#include "core/digits.h"
#include "core/local_date_time.h"
#include "core/local_time.h"

namespace guichet::core {

namespace {

// The catalogue key of the message (assets/i18n).
constexpr std::string_view kFormatKey = "err_instant_format";

constexpr std::size_t kMaxFractionDigits = 6;

}  // namespace

Result<Instant> instant_from_iso_utc(std::string_view text) {
    // Fixed positions: "YYYY-MM-DD" 0..9, "T" 10, "HH:MM:SS" 11..18, then an optional fraction and "Z".
    if (text.size() < 20 || text[10] != 'T' || !text.ends_with('Z')) {
        return fail(ErrorCode::invalid_input, std::string(kFormatKey));
    }
    const auto date = CivilDate::parse_iso(text.substr(0, 10));
    const auto time = LocalTime::parse_iso(text.substr(11, 8));
    if (!date || !time) {
        return fail(ErrorCode::invalid_input, std::string(kFormatKey));
    }

    std::chrono::microseconds fraction{0};
    const std::string_view rest = text.substr(19, text.size() - 20);
    if (!rest.empty()) {
        const std::string_view digits = rest.substr(1);
        const auto value = digits.size() <= kMaxFractionDigits ? parse_digits(digits) : std::nullopt;
        if (rest.front() != '.' || !value) {
            return fail(ErrorCode::invalid_input, std::string(kFormatKey));
        }
        // Scale "25" (hundredths) to 250000 microseconds by padding the digits to six places.
        unsigned micros = *value;
        for (std::size_t i = digits.size(); i < kMaxFractionDigits; ++i) {
            micros *= 10;
        }
        fraction = std::chrono::microseconds{micros};
    }

    const auto local = LocalDateTime(*date, *time).to_local_seconds();
    // A UTC reading and the instant it names share the same count, by definition of UTC.
    return Instant{std::chrono::duration_cast<std::chrono::microseconds>(local.time_since_epoch()) + fraction};
}

std::string to_iso_utc(Instant instant) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
    const auto reading = LocalDateTime::from_local_seconds(date::local_seconds{seconds.time_since_epoch()});
    return reading.to_iso() + "Z";
}

}  // namespace guichet::core
