#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/instant.h"

namespace guichet::identity {

// Who an account belongs to: a family member (parent, guardian) or someone of the town's staff. Site staff
// (animateurs, personnel de site) work at some sites only: they take the roll there and see nothing else of the back
// office.
enum class Role { parent, agent, admin, site_staff };

// The life of an account:
//   pending_confirmation ──email link──▶ active ──closure asked──▶ closure_requested ──agent confirms──▶ closed
// Agents are created active without a password and choose one through their invitation link.
enum class AccountStatus { pending_confirmation, active, closure_requested, closed };

enum class Civility { unspecified, madame, monsieur };

[[nodiscard]] std::string_view role_name(Role role);
[[nodiscard]] std::optional<Role> role_from_name(std::string_view name);
[[nodiscard]] std::string_view account_status_name(AccountStatus status);
[[nodiscard]] std::optional<AccountStatus> account_status_from_name(std::string_view name);
[[nodiscard]] std::string_view civility_name(Civility civility);
[[nodiscard]] std::optional<Civility> civility_from_name(std::string_view name);

struct PostalAddress {
    std::string line;        // numéro et voie
    std::string complement;  // bâtiment, étage…
    std::string postal_code;
    std::string city;
};

// The coordonnées of a person, reused to prefill his requests.
struct ContactDetails {
    Civility civility = Civility::unspecified;
    std::string last_name;
    std::string first_name;
    PostalAddress address;
    std::string mobile_phone;
    std::string landline_phone;
};

struct Account {
    core::AccountId id{0};
    core::CommuneId commune{0};
    Role role = Role::parent;
    AccountStatus status = AccountStatus::pending_confirmation;
    std::string username;
    std::string email;
    ContactDetails contact;
    std::string password_hash;  // empty: no password yet (an invited agent)
    // The clé enfance typed at sign-up, kept until the address is confirmed and the family module tries it; then
    // empty, or kFailedChildcareKey when it did not link.
    std::string pending_childcare_key;
    core::Instant created_at{};
    std::optional<core::Instant> last_login_at;
    std::optional<core::Instant> previous_login_at;  // shown as "Dernière connexion le …"
    std::optional<core::Instant> closure_requested_at;
};

inline constexpr std::string_view kFailedChildcareKey = "-";

[[nodiscard]] inline bool is_staff(Role role) {
    return role == Role::agent || role == Role::admin;
}

// Whether the account works for the commune at all: its agents and admins, and its site staff.
[[nodiscard]] inline bool works_for_commune(Role role) {
    return is_staff(role) || role == Role::site_staff;
}

}  // namespace guichet::identity
