#pragma once

#include <soci/soci.h>

#include <functional>
#include <string>

#include "family/family_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// family::FamilyStore on one SQL transaction (both backends). Handed out by the unit of work
// (storage/unit_of_work.h); lives as long as its transaction.
class SqlFamilyStore final : public family::FamilyStore {
  public:
    SqlFamilyStore(soci::session& session, StatementCache& statements) : m_session(session), m_statements(statements) {}

    core::Result<core::HouseholdId> insert_household(const family::Household& household) override;
    core::Status update_household(const family::Household& household) override;
    core::Result<std::optional<family::Household>> find_household(core::CommuneId commune,
                                                                  core::HouseholdId id) override;
    core::Result<std::vector<family::Household>> households_by_ids(core::CommuneId commune,
                                                                   const std::vector<core::HouseholdId>& ids) override;
    core::Result<std::vector<family::Child>> children_by_ids(core::CommuneId commune,
                                                             const std::vector<core::ChildId>& ids) override;
    core::Result<std::optional<family::Household>> find_household_by_reference(core::CommuneId commune,
                                                                               std::string_view reference) override;
    core::Result<std::vector<family::HouseholdSummary>> search_households(core::CommuneId commune,
                                                                          std::string_view text,
                                                                          std::size_t limit) override;
    core::Result<std::vector<family::HouseholdRecord>> households_of_account(core::CommuneId commune,
                                                                             core::AccountId account) override;
    core::Result<std::optional<family::HouseholdRecord>> household_record(core::CommuneId commune,
                                                                          core::HouseholdId id) override;
    core::Result<std::vector<family::HouseholdRecord>> household_records_after(core::CommuneId commune,
                                                                               core::HouseholdId after,
                                                                               std::size_t limit) override;
    core::Result<core::RepresentativeId> insert_representative(const family::Representative& person) override;
    core::Status update_representative(const family::Representative& person) override;
    core::Status delete_representative(core::CommuneId commune, core::RepresentativeId id) override;
    core::Result<std::vector<family::Representative>> representatives_of(core::CommuneId commune,
                                                                         core::HouseholdId household) override;
    core::Result<std::optional<family::Representative>> representative_by_key(core::CommuneId commune,
                                                                              std::string_view key_digest) override;
    core::Result<std::vector<family::Representative>> representatives_of_account(core::CommuneId commune,
                                                                                 core::AccountId account) override;
    core::Result<bool> claim_key(core::CommuneId commune, core::RepresentativeId id, std::string_view key_digest,
                                 core::AccountId account, core::Instant at) override;
    core::Result<std::vector<family::Representative>> unlinked_representatives(core::CommuneId commune,
                                                                               core::RepresentativeId after,
                                                                               std::size_t limit) override;
    core::Result<long long> count_unlinked_representatives(core::CommuneId commune) override;
    core::Result<core::ChildId> insert_child(const family::Child& child) override;
    core::Status attach_child(core::HouseholdId household, core::ChildId child) override;
    core::Status detach_child(core::CommuneId commune, core::HouseholdId household, core::ChildId child) override;
    core::Result<std::vector<family::Child>> children_of(core::CommuneId commune, core::HouseholdId household) override;
    core::Result<std::optional<family::RepresentedChild>> child_represented_by(core::CommuneId commune,
                                                                               core::AccountId account,
                                                                               core::ChildId child) override;
    core::Result<std::optional<family::ChildProfile>> child_of_account(core::CommuneId commune, core::AccountId account,
                                                                       core::ChildId child) override;
    core::Result<core::AuthorisedPersonId> insert_authorised(const family::AuthorisedPerson& person) override;
    core::Status delete_authorised(core::HouseholdId household, core::AuthorisedPersonId id) override;
    core::Result<std::vector<family::AuthorisedPerson>> authorised_of(core::HouseholdId household) override;
    core::Result<std::vector<family::AuthorisedPerson>> authorised_of_households(
        core::CommuneId commune, const std::vector<core::HouseholdId>& households) override;
    core::Result<core::QuotientId> insert_quotient(const family::Quotient& quotient) override;
    core::Result<std::vector<family::Quotient>> quotients_of(core::HouseholdId household) override;
    core::Status record(const family::FamilyEvent& event) override;
    core::Result<std::vector<family::FamilyEvent>> history(core::CommuneId commune,
                                                           core::HouseholdId household) override;

  private:
    // Loads the households whose ids `filter` selects (a subquery with two placeholders, bound to `first` and
    // `second`, that keeps to one commune), with everything in them: five prepared queries whatever their number
    // and size, each reaching rows by those ids and their indexes, never by scanning the commune's households.
    [[nodiscard]] std::vector<family::HouseholdRecord> records_where(const std::string& filter, long long first,
                                                                     long long second);

    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
