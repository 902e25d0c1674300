// The JSON bodies of the booking API, read strictly: every member's type is checked before any value is used.
#include "web/booking/booking_api_request.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>

namespace guichet::web {
namespace {

using Refusal = tl::unexpected<ApiRequestError>;

constexpr std::array<std::pair<std::string_view, core::Weekday>, 7> kWeekdays = {{
    {"monday", core::Weekday::monday},
    {"tuesday", core::Weekday::tuesday},
    {"wednesday", core::Weekday::wednesday},
    {"thursday", core::Weekday::thursday},
    {"friday", core::Weekday::friday},
    {"saturday", core::Weekday::saturday},
    {"sunday", core::Weekday::sunday},
}};

Refusal refuse(int status, std::string field, std::string key) {
    return Refusal(ApiRequestError{status, std::move(field), std::move(key)});
}

// The first member of `object` not in `known`, if any.
std::optional<std::string> unknown_member(const nlohmann::json& object, std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : object.items()) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            return name;
        }
    }
    return std::nullopt;
}

tl::expected<core::CivilDate, ApiRequestError> date_of(const nlohmann::json& value, const std::string& field) {
    if (!value.is_string()) {
        return refuse(400, field, "err_json_date_type");
    }
    auto day = core::CivilDate::parse_iso(value.get<std::string>());
    if (!day) {
        return refuse(422, field, "err_booking_day");
    }
    return *day;
}

tl::expected<std::vector<core::CivilDate>, ApiRequestError> days_of(const nlohmann::json& value) {
    if (!value.is_array()) {
        return refuse(400, "days", "err_json_days_type");
    }
    std::vector<core::CivilDate> days;
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto day = date_of(value[i], "days[" + std::to_string(i) + "]");
        if (!day) {
            return tl::unexpected(day.error());
        }
        days.push_back(*day);
    }
    if (days.empty()) {
        return refuse(422, "days", "err_booking_no_day");
    }
    return days;
}

tl::expected<booking::PatternRequest, ApiRequestError> pattern_of(const nlohmann::json& value, core::CivilDate today) {
    if (!value.is_object()) {
        return refuse(400, "pattern", "err_json_pattern_type");
    }
    if (auto unknown = unknown_member(value, {"weekdays", "every_other_week", "from", "until"})) {
        return refuse(400, "pattern." + *unknown, "err_json_unknown_member");
    }
    booking::PatternRequest pattern;
    const auto weekdays = value.find("weekdays");
    if (weekdays == value.end() || !weekdays->is_array()) {
        return refuse(400, "pattern.weekdays", "err_json_weekdays_type");
    }
    for (std::size_t i = 0; i < weekdays->size(); ++i) {
        const nlohmann::json& name = (*weekdays)[i];
        const std::string field = "pattern.weekdays[" + std::to_string(i) + "]";
        if (!name.is_string()) {
            return refuse(400, field, "err_json_weekdays_type");
        }
        const auto known = std::find_if(kWeekdays.begin(), kWeekdays.end(),
                                        [&](const auto& entry) { return entry.first == name.get<std::string>(); });
        if (known == kWeekdays.end()) {
            return refuse(422, field, "err_booking_weekday");
        }
        pattern.pattern.weekdays.push_back(known->second);
    }
    if (pattern.pattern.weekdays.empty()) {
        return refuse(422, "pattern.weekdays", "err_booking_no_weekday");
    }
    if (const auto other = value.find("every_other_week"); other != value.end()) {
        if (!other->is_boolean()) {
            return refuse(400, "pattern.every_other_week", "err_json_boolean_type");
        }
        pattern.pattern.recurrence =
            other->get<bool>() ? booking::Recurrence::every_other_week : booking::Recurrence::every_week;
    }
    pattern.from = today;
    if (const auto from = value.find("from"); from != value.end()) {
        auto day = date_of(*from, "pattern.from");
        if (!day) {
            return tl::unexpected(day.error());
        }
        pattern.from = *day;
    }
    if (const auto until = value.find("until"); until != value.end()) {
        if (!until->is_string()) {
            return refuse(400, "pattern.until", "err_json_until_type");
        }
        if (*until == "next_holidays") {
            pattern.end = booking::PatternEnd::next_holidays;
        } else if (*until == "end_of_school_year") {
            pattern.end = booking::PatternEnd::end_of_school_year;
        } else {
            return refuse(422, "pattern.until", "err_booking_until");
        }
    }
    return pattern;
}

}  // namespace

tl::expected<ApiBatchRequest, ApiRequestError> read_batch_request(std::string_view body, FingerprintRule fingerprint,
                                                                  core::CivilDate today) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return refuse(400, "", "err_json_object");
    }
    const bool with_fingerprint = fingerprint == FingerprintRule::required;
    const auto unknown = with_fingerprint ? unknown_member(json, {"activity", "days", "pattern", "fingerprint"})
                                          : unknown_member(json, {"activity", "days", "pattern"});
    if (unknown) {
        return refuse(400, *unknown, "err_json_unknown_member");
    }
    ApiBatchRequest request;
    const auto activity = json.find("activity");
    if (activity == json.end() || !activity->is_number_integer() || activity->get<long long>() <= 0) {
        return refuse(400, "activity", "err_json_activity_type");
    }
    request.activity = core::ActivityId{activity->get<long long>()};
    const auto days = json.find("days");
    const auto pattern = json.find("pattern");
    if ((days == json.end()) == (pattern == json.end())) {
        return refuse(400, "days", "err_json_days_or_pattern");
    }
    if (days != json.end()) {
        auto read = days_of(*days);
        if (!read) {
            return tl::unexpected(read.error());
        }
        request.days = std::move(*read);
    } else {
        auto read = pattern_of(*pattern, today);
        if (!read) {
            return tl::unexpected(read.error());
        }
        read->activity = request.activity;
        request.pattern = std::move(*read);
    }
    if (with_fingerprint) {
        const auto print = json.find("fingerprint");
        if (print == json.end() || !print->is_string()) {
            return refuse(400, "fingerprint", "err_json_fingerprint_type");
        }
        request.fingerprint = print->get<std::string>();
    }
    return request;
}

}  // namespace guichet::web
