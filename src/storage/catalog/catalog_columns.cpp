#include "storage/catalog/catalog_columns.h"

namespace guichet::storage::catalog_columns {

core::CivilDate date_of(const std::string& text) {
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(::date::sys_days{}));
}

std::string join(const std::vector<std::string_view>& parts) {
    std::string result;
    for (const auto part : parts) {
        if (!result.empty())
            result += ',';
        result += part;
    }
    return result;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto comma = text.find(',', start);
        const auto end = comma == std::string::npos ? text.size() : comma;
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string weekdays_text(const catalog::Weekdays& days) {
    std::vector<std::string_view> parts;
    for (const auto day : days.days())
        parts.push_back(catalog::weekday_code(day));
    return join(parts);
}

catalog::Weekdays weekdays_of(const std::string& text) {
    catalog::Weekdays days;
    for (const auto& part : split(text)) {
        if (const auto day = catalog::weekday_from_code(part))
            days.add(*day);
    }
    return days;
}

}  // namespace guichet::storage::catalog_columns
