#include "core/civil_date.h"

#include <cassert>
#include <string>

#include <fmt/format.h>

#include "core/digits.h"

namespace guichet::core {

namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr date::sys_days kFirstDay{date::year{kMinYear} / 1 / 1};
constexpr date::sys_days kLastDay{date::year{kMaxYear} / 12 / 31};

// Catalogue keys of the messages (assets/i18n): they say what to type rather than what went wrong inside.
constexpr std::string_view kIsoFormatKey = "err_date_iso_format";
constexpr std::string_view kFrFormatKey = "err_date_fr_format";

// Only assertions call it, so release builds (NDEBUG) leave it unused.
[[maybe_unused]] bool in_range(date::sys_days days) {
    return days >= kFirstDay && days <= kLastDay;
}

date::year_month_day to_ymd(std::int32_t days_since_epoch) {
    return date::year_month_day{date::sys_days{date::days{days_since_epoch}}};
}

}  // namespace

Result<CivilDate> CivilDate::from_ymd(int year, unsigned month, unsigned day) {
    if (year < kMinYear || year > kMaxYear) {
        return fail(ErrorCode::invalid_input, "err_date_year_range");
    }
    const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
    // date::month and date::day keep only 8 bits, so reject large values before they wrap into valid ones.
    if (month > 12 || day > 31 || !ymd.ok()) {
        return fail(ErrorCode::invalid_input, "err_date_nonexistent");
    }
    return from_sys_days(date::sys_days{ymd});
}

Result<CivilDate> CivilDate::parse_iso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return fail(ErrorCode::invalid_input, std::string(kIsoFormatKey));
    }
    const auto year = parse_digits(text.substr(0, 4));
    const auto month = parse_digits(text.substr(5, 2));
    const auto day = parse_digits(text.substr(8, 2));
    if (!year || !month || !day) {
        return fail(ErrorCode::invalid_input, std::string(kIsoFormatKey));
    }
    return from_ymd(static_cast<int>(*year), *month, *day);
}

Result<CivilDate> CivilDate::parse_fr(std::string_view text) {
    const auto first_slash = text.find('/');
    const auto second_slash = text.find('/', first_slash == std::string_view::npos ? text.size() : first_slash + 1);
    if (first_slash == std::string_view::npos || second_slash == std::string_view::npos) {
        return fail(ErrorCode::invalid_input, std::string(kFrFormatKey));
    }
    const std::string_view day_text = text.substr(0, first_slash);
    const std::string_view month_text = text.substr(first_slash + 1, second_slash - first_slash - 1);
    const std::string_view year_text = text.substr(second_slash + 1);
    const auto day = day_text.size() <= 2 ? parse_digits(day_text) : std::nullopt;
    const auto month = month_text.size() <= 2 ? parse_digits(month_text) : std::nullopt;
    const auto year = year_text.size() == 4 ? parse_digits(year_text) : std::nullopt;
    if (!year || !month || !day) {
        return fail(ErrorCode::invalid_input, std::string(kFrFormatKey));
    }
    return from_ymd(static_cast<int>(*year), *month, *day);
}

CivilDate CivilDate::from_sys_days(date::sys_days days) noexcept {
    assert(in_range(days));
    return CivilDate(days.time_since_epoch().count());
}

date::sys_days CivilDate::to_sys_days() const noexcept {
    return date::sys_days{date::days{m_days_since_epoch}};
}

int CivilDate::year() const noexcept {
    return static_cast<int>(to_ymd(m_days_since_epoch).year());
}

unsigned CivilDate::month() const noexcept {
    return static_cast<unsigned>(to_ymd(m_days_since_epoch).month());
}

unsigned CivilDate::day() const noexcept {
    return static_cast<unsigned>(to_ymd(m_days_since_epoch).day());
}

Weekday CivilDate::weekday() const noexcept {
    // ISO encoding numbers Monday 1 to Sunday 7, the order of Weekday.
    const unsigned iso = date::weekday{to_sys_days()}.iso_encoding();
    return static_cast<Weekday>(iso - 1);
}

CivilDate CivilDate::add_days(int days) const noexcept {
    return from_sys_days(to_sys_days() + date::days{days});
}

int CivilDate::days_until(CivilDate other) const noexcept {
    return other.m_days_since_epoch - m_days_since_epoch;
}

std::string CivilDate::to_iso() const {
    const auto ymd = to_ymd(m_days_since_epoch);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::string CivilDate::format_fr() const {
    const auto ymd = to_ymd(m_days_since_epoch);
    return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                       static_cast<int>(ymd.year()));
}

}  // namespace guichet::core
