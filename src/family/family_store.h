#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "family/household.h"

namespace guichet::family {

// The family record, inside the transaction of the business step that holds this store (see family::Transaction).
// Every lookup is scoped by commune; household members are reached through their household.
class FamilyStore {
  public:
    virtual ~FamilyStore() = default;

    [[nodiscard]] virtual core::Result<core::HouseholdId> insert_household(const Household& household) = 0;
    [[nodiscard]] virtual core::Status update_household(const Household& household) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Household>> find_household(core::CommuneId commune,
                                                                                core::HouseholdId id) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Household>> find_household_by_reference(
        core::CommuneId commune, std::string_view reference) = 0;
    // The commune's households and children among these ids, by id; ids of other communes or of nothing are left
    // out. One query each, whatever the number of ids (for lists naming whose each row is).
    [[nodiscard]] virtual core::Result<std::vector<Household>> households_by_ids(
        core::CommuneId commune, const std::vector<core::HouseholdId>& ids) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Child>> children_by_ids(core::CommuneId commune,
                                                                           const std::vector<core::ChildId>& ids) = 0;
    // Households whose reference, or a representative's or child's name, contains the text (case-insensitive on
    // ASCII); at most `limit`, newest first. An empty text lists the newest. Costs a fixed number of queries.
    [[nodiscard]] virtual core::Result<std::vector<HouseholdSummary>> search_households(core::CommuneId commune,
                                                                                        std::string_view text,
                                                                                        std::size_t limit) = 0;
    // The households an account represents, each with everything in it, in a fixed number of queries whatever their
    // number and size (every page a parent opens asks it).
    [[nodiscard]] virtual core::Result<std::vector<HouseholdRecord>> households_of_account(core::CommuneId commune,
                                                                                           core::AccountId account) = 0;
    // The commune's households whose id is above `after`, in id order, at most `limit`, each with everything in it,
    // in a fixed number of queries: an export goes through them chunk by chunk.
    [[nodiscard]] virtual core::Result<std::vector<HouseholdRecord>> household_records_after(core::CommuneId commune,
                                                                                             core::HouseholdId after,
                                                                                             std::size_t limit) = 0;
    // One household with everything in it, in a fixed number of queries, or std::nullopt.
    [[nodiscard]] virtual core::Result<std::optional<HouseholdRecord>> household_record(core::CommuneId commune,
                                                                                        core::HouseholdId id) = 0;

    [[nodiscard]] virtual core::Result<core::RepresentativeId> insert_representative(const Representative& person) = 0;
    [[nodiscard]] virtual core::Status update_representative(const Representative& person) = 0;
    [[nodiscard]] virtual core::Status delete_representative(core::CommuneId commune, core::RepresentativeId id) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Representative>> representatives_of(core::CommuneId commune,
                                                                                       core::HouseholdId household) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Representative>> representative_by_key(
        core::CommuneId commune, std::string_view key_digest) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Representative>> representatives_of_account(
        core::CommuneId commune, core::AccountId account) = 0;
    // Links the account to the representative if his key (this digest) is still unused, marking it used; returns
    // false when a concurrent request used it first. The only way a key gets used.
    [[nodiscard]] virtual core::Result<bool> claim_key(core::CommuneId commune, core::RepresentativeId id,
                                                       std::string_view key_digest, core::AccountId account,
                                                       core::Instant at) = 0;
    // The representatives of the commune without a linked account whose id is above `after`, in id order, at most
    // `limit`: a batch of letters goes through them chunk by chunk.
    [[nodiscard]] virtual core::Result<std::vector<Representative>> unlinked_representatives(
        core::CommuneId commune, core::RepresentativeId after, std::size_t limit) = 0;
    [[nodiscard]] virtual core::Result<long long> count_unlinked_representatives(core::CommuneId commune) = 0;

    [[nodiscard]] virtual core::Result<core::ChildId> insert_child(const Child& child) = 0;
    [[nodiscard]] virtual core::Status attach_child(core::HouseholdId household, core::ChildId child) = 0;
    // Detaches a child from a household; deletes the child when no household is left.
    [[nodiscard]] virtual core::Status detach_child(core::CommuneId commune, core::HouseholdId household,
                                                    core::ChildId child) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Child>> children_of(core::CommuneId commune,
                                                                       core::HouseholdId household) = 0;
    // The child with this id when he belongs to a household the account represents, with the people allowed to
    // pick him up in all those households; std::nullopt for any other id. Found by id, in a fixed number of queries.
    [[nodiscard]] virtual core::Result<std::optional<ChildProfile>> child_of_account(core::CommuneId commune,
                                                                                     core::AccountId account,
                                                                                     core::ChildId child) = 0;
    // The child with this id and the households of the commune that hold him and that the account represents;
    // std::nullopt when there is none. One query: the ownership check of a booking step.
    [[nodiscard]] virtual core::Result<std::optional<RepresentedChild>> child_represented_by(core::CommuneId commune,
                                                                                             core::AccountId account,
                                                                                             core::ChildId child) = 0;

    [[nodiscard]] virtual core::Result<core::AuthorisedPersonId> insert_authorised(const AuthorisedPerson& person) = 0;
    [[nodiscard]] virtual core::Status delete_authorised(core::HouseholdId household, core::AuthorisedPersonId id) = 0;
    [[nodiscard]] virtual core::Result<std::vector<AuthorisedPerson>> authorised_of(core::HouseholdId household) = 0;
    // The people allowed to pick up the children of these households of the commune, in one query whatever their
    // number (the roll of a site lists them for every child), by household then id.
    [[nodiscard]] virtual core::Result<std::vector<AuthorisedPerson>> authorised_of_households(
        core::CommuneId commune, const std::vector<core::HouseholdId>& households) = 0;

    [[nodiscard]] virtual core::Result<core::QuotientId> insert_quotient(const Quotient& quotient) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Quotient>> quotients_of(core::HouseholdId household) = 0;

    [[nodiscard]] virtual core::Status record(const FamilyEvent& event) = 0;
    [[nodiscard]] virtual core::Result<std::vector<FamilyEvent>> history(core::CommuneId commune,
                                                                         core::HouseholdId household) = 0;
};

}  // namespace guichet::family
