#include "catalog/activity.h"

#include "core/enum_names.h"

namespace guichet::catalog {
namespace {

constexpr core::EnumNames<ActivityKind, 2> kKinds = {
    {{ActivityKind::school_time, "school_time"}, {ActivityKind::holiday_session, "holiday_session"}}};

}  // namespace

std::string_view activity_kind_name(ActivityKind kind) {
    return core::name_of(kKinds, kind);
}

std::optional<ActivityKind> activity_kind_from_name(std::string_view name) {
    return core::value_of(kKinds, name);
}

std::optional<int> Activity::capacity_at(core::SiteId site) const {
    for (const auto& entry : sites) {
        if (entry.site == site)
            return entry.capacity;
    }
    return std::nullopt;
}

bool is_code(std::string_view text) {
    if (text.empty() || text.size() > 64 || text.front() == '-' || text.back() == '-')
        return false;
    char previous = 0;
    for (const char c : text) {
        const bool letter_or_digit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!letter_or_digit && c != '-')
            return false;
        if (c == '-' && previous == '-')
            return false;
        previous = c;
    }
    return true;
}

}  // namespace guichet::catalog
