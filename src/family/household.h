#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"
#include "identity/account.h"

namespace guichet::family {

// How a legal representative (responsable légal) relates to the children.
enum class Relationship { mother, father, guardian, other };
enum class Sex { female, male };
// Meal options the CNIL allows a town to record: choices, never medical data.
enum class DietaryOption { standard, no_pork, no_meat, packed_meal };
enum class ClassLevel { none, ps, ms, gs, cp, ce1, ce2, cm1, cm2 };
// Who computed the quotient familial.
enum class QuotientSource { caf, commune };

[[nodiscard]] std::string_view relationship_name(Relationship value);
[[nodiscard]] std::optional<Relationship> relationship_from_name(std::string_view name);
[[nodiscard]] std::string_view sex_name(Sex value);
[[nodiscard]] std::optional<Sex> sex_from_name(std::string_view name);
[[nodiscard]] std::string_view diet_name(DietaryOption value);
[[nodiscard]] std::optional<DietaryOption> diet_from_name(std::string_view name);
[[nodiscard]] std::string_view class_name(ClassLevel value);
[[nodiscard]] std::optional<ClassLevel> class_from_name(std::string_view name);
[[nodiscard]] std::string_view quotient_source_name(QuotientSource value);
[[nodiscard]] std::optional<QuotientSource> quotient_source_from_name(std::string_view name);

// A foyer: the unit the town bills and writes to.
struct Household {
    core::HouseholdId id{0};
    core::CommuneId commune{0};
    std::string reference;  // "F000123", printed on letters and invoices
    identity::PostalAddress address;
    core::Instant created_at{};
};

// A parent or guardian of the household's children, with his own clé enfance to link his own account.
struct Representative {
    core::RepresentativeId id{0};
    core::HouseholdId household{0};
    core::CommuneId commune{0};
    identity::Civility civility = identity::Civility::unspecified;
    std::string last_name;
    std::string first_name;
    Relationship relationship = Relationship::other;
    std::string email;
    std::string mobile_phone;
    std::string landline_phone;
    std::optional<core::AccountId> account;  // the portal account linked with his key
    std::string key_digest;                  // keyed hash of his current clé enfance; empty when none was issued
    std::optional<core::Instant> key_issued_at;
    std::optional<core::Instant> key_expires_at;
    std::optional<core::Instant> key_used_at;
};

struct Child {
    core::ChildId id{0};
    core::CommuneId commune{0};
    std::string last_name;
    std::string first_name;
    core::CivilDate birth_date;
    Sex sex = Sex::female;
    std::string school;
    ClassLevel class_level = ClassLevel::none;
    DietaryOption diet = DietaryOption::standard;
    bool pai = false;  // a projet d'accueil individualisé exists; its content stays with the school doctor
};

// Someone the representatives allow to pick the children up.
struct AuthorisedPerson {
    core::AuthorisedPersonId id{0};
    core::HouseholdId household{0};
    std::string last_name;
    std::string first_name;
    std::string phone;
    std::string relationship;  // free text: "grand-mère", "voisine"…
};

// The quotient familial used for tariffs, valid over a period.
struct Quotient {
    core::QuotientId id{0};
    core::HouseholdId household{0};
    long long amount_euros = 0;
    QuotientSource source = QuotientSource::caf;
    core::CivilDate valid_from;
    std::optional<core::CivilDate> valid_to;
};

// One line of a household's history, for agents.
struct FamilyEvent {
    core::CommuneId commune{0};
    core::HouseholdId household{0};
    std::optional<core::AccountId> actor;
    std::string kind;    // "child_added", "key_issued", "account_linked"…
    std::string detail;  // names, never keys
    core::Instant at{};
};

// A household with everything in it, as its pages show it.
struct HouseholdRecord {
    Household household;
    std::vector<Representative> representatives;
    std::vector<Child> children;
    std::vector<AuthorisedPerson> authorised;
    std::vector<Quotient> quotients;
};

// A child as his parent sees him, with the people allowed to pick him up.
struct ChildProfile {
    Child child;
    std::vector<AuthorisedPerson> authorised;
};

// A child found through the households an account represents: those that hold him, in id order (a child may
// belong to two).
struct RepresentedChild {
    Child child;
    std::vector<core::HouseholdId> households;
};

// A search hit in the agents' list.
struct HouseholdSummary {
    core::HouseholdId id{0};
    std::string reference;
    std::string representatives;  // "Marie DUPONT, Xavier DUPONT"
    std::string children;         // "Rémi, Léa"
    int linked = 0;               // representatives with a linked account
    int total = 0;
};

}  // namespace guichet::family
