#include "identity/account.h"

#include "core/enum_names.h"

namespace guichet::identity {
namespace {

constexpr core::EnumNames<Role, 4> kRoles = {
    {{Role::parent, "parent"}, {Role::agent, "agent"}, {Role::admin, "admin"}, {Role::site_staff, "site_staff"}}};
constexpr core::EnumNames<AccountStatus, 4> kStatuses = {{{AccountStatus::pending_confirmation, "pending_confirmation"},
                                                          {AccountStatus::active, "active"},
                                                          {AccountStatus::closure_requested, "closure_requested"},
                                                          {AccountStatus::closed, "closed"}}};
constexpr core::EnumNames<Civility, 3> kCivilities = {
    {{Civility::unspecified, ""}, {Civility::madame, "madame"}, {Civility::monsieur, "monsieur"}}};

}  // namespace

std::string_view role_name(Role role) {
    return core::name_of(kRoles, role);
}
std::optional<Role> role_from_name(std::string_view name) {
    return core::value_of(kRoles, name);
}
std::string_view account_status_name(AccountStatus status) {
    return core::name_of(kStatuses, status);
}
std::optional<AccountStatus> account_status_from_name(std::string_view name) {
    return core::value_of(kStatuses, name);
}
std::string_view civility_name(Civility civility) {
    return core::name_of(kCivilities, civility);
}
std::optional<Civility> civility_from_name(std::string_view name) {
    return core::value_of(kCivilities, name);
}

}  // namespace guichet::identity
