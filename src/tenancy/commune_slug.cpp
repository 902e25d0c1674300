#include "tenancy/commune_slug.h"

#include <algorithm>
#include <array>

namespace guichet::tenancy {
namespace {

constexpr std::array<std::string_view, 9> kReservedSegments = {
    "assets", "healthz", "readyz", "metrics", "api", "favicon.ico", "robots.txt", "static", "admin",
};

bool is_slug_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool is_reserved_path_segment(std::string_view segment) {
    return std::find(kReservedSegments.begin(), kReservedSegments.end(), segment) != kReservedSegments.end();
}

core::Status validate_commune_slug(std::string_view slug) {
    if (slug.size() < 2 || slug.size() > 63) {
        return core::fail(core::ErrorCode::invalid_input, "err_slug_length", "slug");
    }
    if (!std::all_of(slug.begin(), slug.end(), is_slug_char)) {
        return core::fail(core::ErrorCode::invalid_input, "err_slug_characters", "slug");
    }
    if (slug.front() == '-' || slug.back() == '-' || slug.find("--") != std::string_view::npos) {
        return core::fail(core::ErrorCode::invalid_input, "err_slug_hyphens", "slug");
    }
    if (is_reserved_path_segment(slug)) {
        return core::fail(core::ErrorCode::invalid_input, "err_slug_reserved", "slug");
    }
    return {};
}

}  // namespace guichet::tenancy
