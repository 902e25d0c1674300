#include "core/error_code.h"

#include <array>
#include <utility>

namespace guichet::core {

namespace {

// One table serves both directions so that a name can never be added for one direction and forgotten in the other.
constexpr std::array<std::pair<ErrorCode, std::string_view>, 9> kNames{{
    {ErrorCode::invalid_input, "invalid_input"},
    {ErrorCode::not_found, "not_found"},
    {ErrorCode::conflict, "conflict"},
    {ErrorCode::unauthenticated, "unauthenticated"},
    {ErrorCode::forbidden, "forbidden"},
    {ErrorCode::too_large, "too_large"},
    {ErrorCode::unavailable, "unavailable"},
    {ErrorCode::throttled, "throttled"},
    {ErrorCode::internal, "internal"},
}};

}  // namespace

std::string_view error_code_name(ErrorCode code) noexcept {
    for (const auto& [candidate, name] : kNames) {
        if (candidate == code) {
            return name;
        }
    }
    // Only reachable through a value cast from an integer outside the enumeration; report it as the catch-all.
    return "internal";
}

std::optional<ErrorCode> error_code_from_name(std::string_view name) noexcept {
    for (const auto& [code, candidate] : kNames) {
        if (candidate == name) {
            return code;
        }
    }
    return std::nullopt;
}

}  // namespace guichet::core
