#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "core/in_memory_unit_of_work.h"
#include "family/transaction.h"
#include "identity/in_memory_identity.h"

namespace guichet::family::testing {

// Everything the family store holds, in memory.
struct FamilyState {
    std::map<std::int64_t, Household> households;
    std::map<std::int64_t, Representative> representatives;
    std::map<std::int64_t, Child> children;
    std::set<std::pair<std::int64_t, std::int64_t>> household_children;  // (household, child)
    std::map<std::int64_t, AuthorisedPerson> authorised;
    std::map<std::int64_t, Quotient> quotients;
    std::vector<FamilyEvent> events;
    std::int64_t next_id = 1;
};

class InMemoryFamilyStore final : public FamilyStore {
  public:
    explicit InMemoryFamilyStore(FamilyState& state) : m_state(state) {}

    core::Result<core::HouseholdId> insert_household(const Household& household) override;
    core::Status update_household(const Household& household) override;
    core::Result<std::optional<Household>> find_household(core::CommuneId commune, core::HouseholdId id) override;
    core::Result<std::vector<Household>> households_by_ids(core::CommuneId commune,
                                                           const std::vector<core::HouseholdId>& ids) override;
    core::Result<std::vector<Child>> children_by_ids(core::CommuneId commune,
                                                     const std::vector<core::ChildId>& ids) override;
    core::Result<std::optional<Household>> find_household_by_reference(core::CommuneId commune,
                                                                       std::string_view reference) override;
    core::Result<std::vector<HouseholdSummary>> search_households(core::CommuneId commune, std::string_view text,
                                                                  std::size_t limit) override;
    core::Result<std::vector<HouseholdRecord>> households_of_account(core::CommuneId commune,
                                                                     core::AccountId account) override;
    core::Result<std::optional<HouseholdRecord>> household_record(core::CommuneId commune,
                                                                  core::HouseholdId id) override;
    core::Result<std::vector<HouseholdRecord>> household_records_after(core::CommuneId commune, core::HouseholdId after,
                                                                       std::size_t limit) override;
    core::Result<core::RepresentativeId> insert_representative(const Representative& person) override;
    core::Status update_representative(const Representative& person) override;
    core::Status delete_representative(core::CommuneId commune, core::RepresentativeId id) override;
    core::Result<std::vector<Representative>> representatives_of(core::CommuneId commune,
                                                                 core::HouseholdId household) override;
    core::Result<std::optional<Representative>> representative_by_key(core::CommuneId commune,
                                                                      std::string_view key_digest) override;
    core::Result<std::vector<Representative>> representatives_of_account(core::CommuneId commune,
                                                                         core::AccountId account) override;
    core::Result<bool> claim_key(core::CommuneId commune, core::RepresentativeId id, std::string_view key_digest,
                                 core::AccountId account, core::Instant at) override;
    core::Result<std::vector<Representative>> unlinked_representatives(core::CommuneId commune,
                                                                       core::RepresentativeId after,
                                                                       std::size_t limit) override;
    core::Result<long long> count_unlinked_representatives(core::CommuneId commune) override;
    core::Result<core::ChildId> insert_child(const Child& child) override;
    core::Status attach_child(core::HouseholdId household, core::ChildId child) override;
    core::Status detach_child(core::CommuneId commune, core::HouseholdId household, core::ChildId child) override;
    core::Result<std::vector<Child>> children_of(core::CommuneId commune, core::HouseholdId household) override;
    core::Result<std::optional<RepresentedChild>> child_represented_by(core::CommuneId commune, core::AccountId account,
                                                                       core::ChildId child) override;
    core::Result<std::optional<ChildProfile>> child_of_account(core::CommuneId commune, core::AccountId account,
                                                               core::ChildId child) override;
    core::Result<core::AuthorisedPersonId> insert_authorised(const AuthorisedPerson& person) override;
    core::Status delete_authorised(core::HouseholdId household, core::AuthorisedPersonId id) override;
    core::Result<std::vector<AuthorisedPerson>> authorised_of(core::HouseholdId household) override;
    core::Result<std::vector<AuthorisedPerson>> authorised_of_households(
        core::CommuneId commune, const std::vector<core::HouseholdId>& households) override;
    core::Result<core::QuotientId> insert_quotient(const Quotient& quotient) override;
    core::Result<std::vector<Quotient>> quotients_of(core::HouseholdId household) override;
    core::Status record(const FamilyEvent& event) override;
    core::Result<std::vector<FamilyEvent>> history(core::CommuneId commune, core::HouseholdId household) override;

  private:
    [[nodiscard]] HouseholdRecord record_of(const Household& household);

    FamilyState& m_state;
};

// The identity stores and the family record together, as one database holds them.
struct FamilyWorld {
    identity::testing::IdentityState identity;
    FamilyState family;
};

class FamilyTransaction final : public identity::testing::IdentityTransaction, public Transaction {
  public:
    explicit FamilyTransaction(FamilyWorld& world) : IdentityTransaction(world.identity), m_family(world.family) {}

    FamilyStore& family() override { return m_family; }

  private:
    InMemoryFamilyStore m_family;
};

// identity::UnitOfWork and family::UnitOfWork on one in-memory world, for the family domain tests.
using InMemoryFamily =
    core::testing::InMemoryUnitOfWork<FamilyWorld, FamilyTransaction, identity::Transaction, family::Transaction>;

}  // namespace guichet::family::testing
