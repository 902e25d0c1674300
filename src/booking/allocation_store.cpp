#include "booking/allocation_store.h"

#include <array>
#include <charconv>
#include <utility>

#include <fmt/format.h>

namespace guichet::booking {

namespace {

constexpr std::array<std::pair<RequestStatus, std::string_view>, 4> kStatuses{{
    {RequestStatus::requested, "requested"},
    {RequestStatus::withdrawn, "withdrawn"},
    {RequestStatus::placed, "placed"},
    {RequestStatus::waiting, "waiting"},
}};

// The pieces of `text` between `separator`s, empty ones left out.
std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> pieces;
    while (!text.empty()) {
        const auto end = text.find(separator);
        const auto piece = text.substr(0, end);
        if (!piece.empty())
            pieces.push_back(piece);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return pieces;
}

std::optional<long long> number(std::string_view text) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

}  // namespace

std::string_view request_status_name(RequestStatus status) {
    for (const auto& [value, name] : kStatuses)
        if (value == status)
            return name;
    return "requested";
}

std::optional<RequestStatus> request_status_from_name(std::string_view name) {
    for (const auto& [value, known] : kStatuses)
        if (known == name)
            return value;
    return std::nullopt;
}

std::string criteria_text(const std::vector<catalog::Criterion>& criteria) {
    std::string text;
    for (const auto criterion : criteria) {
        if (!text.empty())
            text += ',';
        text += catalog::criterion_name(criterion);
    }
    return text;
}

std::vector<catalog::Criterion> criteria_of(std::string_view text) {
    std::vector<catalog::Criterion> criteria;
    for (const auto piece : split(text, ','))
        if (const auto criterion = catalog::criterion_from_name(piece))
            criteria.push_back(*criterion);
    return criteria;
}

std::string priorities_text(const std::vector<catalog::Priority>& priorities) {
    std::string text;
    for (const auto& priority : priorities) {
        if (!text.empty())
            text += ',';
        text += fmt::format("{}={}", catalog::criterion_name(priority.criterion), priority.weight);
    }
    return text;
}

std::vector<catalog::Priority> priorities_of(std::string_view text) {
    std::vector<catalog::Priority> priorities;
    for (const auto piece : split(text, ',')) {
        const auto equals = piece.find('=');
        if (equals == std::string_view::npos)
            continue;
        const auto criterion = catalog::criterion_from_name(piece.substr(0, equals));
        const auto weight = number(piece.substr(equals + 1));
        if (criterion && weight)
            priorities.push_back({*criterion, static_cast<int>(*weight)});
    }
    return priorities;
}

std::string places_text(const std::map<std::pair<long long, core::CivilDate>, int>& places) {
    std::string text;
    for (const auto& [key, left] : places) {
        if (!text.empty())
            text += ';';
        text += fmt::format("{}:{}={}", key.first, key.second.to_iso(), left);
    }
    return text;
}

std::map<std::pair<long long, core::CivilDate>, int> places_of(std::string_view text) {
    std::map<std::pair<long long, core::CivilDate>, int> places;
    for (const auto piece : split(text, ';')) {
        const auto colon = piece.find(':');
        const auto equals = piece.find('=');
        if (colon == std::string_view::npos || equals == std::string_view::npos || equals < colon)
            continue;
        const auto site = number(piece.substr(0, colon));
        const auto day = core::CivilDate::parse_iso(piece.substr(colon + 1, equals - colon - 1));
        const auto left = number(piece.substr(equals + 1));
        if (site && day && left)
            places[{*site, *day}] = static_cast<int>(*left);
    }
    return places;
}

}  // namespace guichet::booking
