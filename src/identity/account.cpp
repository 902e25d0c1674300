#include "identity/account.h"

#include <array>
#include <utility>

namespace guichet::identity {
namespace {

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return names.front().second;
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view name) {
    for (const auto& [candidate, known] : names) {
        if (known == name) {
            return candidate;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles = {
    {{Role::parent, "parent"}, {Role::agent, "agent"}, {Role::admin, "admin"}}};
constexpr std::array<std::pair<AccountStatus, std::string_view>, 4> kStatuses = {
    {{AccountStatus::pending_confirmation, "pending_confirmation"},
     {AccountStatus::active, "active"},
     {AccountStatus::closure_requested, "closure_requested"},
     {AccountStatus::closed, "closed"}}};
constexpr std::array<std::pair<Civility, std::string_view>, 3> kCivilities = {
    {{Civility::unspecified, ""}, {Civility::madame, "madame"}, {Civility::monsieur, "monsieur"}}};

}  // namespace

std::string_view role_name(Role role) {
    return name_of(kRoles, role);
}
std::optional<Role> role_from_name(std::string_view name) {
    return value_of(kRoles, name);
}
std::string_view account_status_name(AccountStatus status) {
    return name_of(kStatuses, status);
}
std::optional<AccountStatus> account_status_from_name(std::string_view name) {
    return value_of(kStatuses, name);
}
std::string_view civility_name(Civility civility) {
    return name_of(kCivilities, civility);
}
std::optional<Civility> civility_from_name(std::string_view name) {
    return value_of(kCivilities, name);
}

}  // namespace guichet::identity
