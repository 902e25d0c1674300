#include "core/local_date_time.h"

#include <chrono>
#include <string>

namespace guichet::core {

namespace {

// The catalogue key of the message (assets/i18n).
constexpr std::string_view kFormatKey = "err_local_date_time_format";

}  // namespace

Result<LocalDateTime> LocalDateTime::parse_iso(std::string_view text) {
    // The halves are split at the fixed position of "T" so that each keeps its own strict rules.
    if (text.size() < 11 || text[10] != 'T') {
        return fail(ErrorCode::invalid_input, std::string(kFormatKey));
    }
    GUICHET_TRY(date_part, CivilDate::parse_iso(text.substr(0, 10)));
    GUICHET_TRY(time_part, LocalTime::parse_iso(text.substr(11)));
    return LocalDateTime(date_part, time_part);
}

LocalDateTime LocalDateTime::from_local_seconds(date::local_seconds local) noexcept {
    const auto day = date::floor<date::days>(local);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(local - day);
    return LocalDateTime(CivilDate::from_sys_days(date::sys_days{day.time_since_epoch()}),
                         LocalTime::from_seconds_since_midnight(static_cast<std::int32_t>(seconds.count())));
}

date::local_seconds LocalDateTime::to_local_seconds() const noexcept {
    return date::local_days{m_date.to_sys_days().time_since_epoch()} +
           std::chrono::seconds{m_time.seconds_since_midnight()};
}

std::string LocalDateTime::to_iso() const {
    return m_date.to_iso() + "T" + m_time.to_iso();
}

std::string LocalDateTime::format_fr() const {
    return m_date.format_fr() + " \u00E0 " + m_time.format_fr();
}

}  // namespace guichet::core
