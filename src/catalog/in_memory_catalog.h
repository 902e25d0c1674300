#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "catalog/transaction.h"
#include "core/in_memory_unit_of_work.h"

namespace guichet::catalog::testing {

// Everything the catalogue store holds, in memory.
struct CatalogState {
    std::map<std::int64_t, Site> sites;
    std::map<std::int64_t, Activity> activities;
    std::map<std::int64_t, SchoolYear> school_years;
    std::map<std::int64_t, HolidaySession> sessions;
    std::map<std::int64_t, Closure> closures;
    std::vector<CatalogEvent> events;
    std::map<std::int64_t, Settings> settings;  // by commune
    std::int64_t next_id = 1;
    // Every change of any row or history line: the version, so that a test changing rows without a history line
    // still sees its change.
    long long changes = 0;
};

// catalog::CatalogStore in memory, keeping the SQL store's promises (commune scope, unique codes, references).
class InMemoryCatalogStore final : public CatalogStore {
  public:
    explicit InMemoryCatalogStore(CatalogState& state) : m_state(state) {}

    core::Result<Catalog> load(core::CommuneId commune) override;
    core::Result<long long> version(core::CommuneId commune) override;
    core::Result<core::SiteId> insert_site(const Site& site) override;
    core::Status update_site(const Site& site) override;
    core::Status delete_site(core::CommuneId commune, core::SiteId id) override;
    core::Result<core::ActivityId> insert_activity(const Activity& activity) override;
    core::Status update_activity(const Activity& activity) override;
    core::Status delete_activity(core::CommuneId commune, core::ActivityId id) override;
    core::Result<core::SchoolYearId> insert_school_year(const SchoolYear& year) override;
    core::Status update_school_year(const SchoolYear& year) override;
    core::Status delete_school_year(core::CommuneId commune, core::SchoolYearId id) override;
    core::Result<core::HolidaySessionId> insert_session(const HolidaySession& session) override;
    core::Status update_session(const HolidaySession& session) override;
    core::Status delete_session(core::CommuneId commune, core::HolidaySessionId id) override;
    core::Result<core::ClosureId> insert_closure(const Closure& closure) override;
    core::Status update_closure(const Closure& closure) override;
    core::Status delete_closure(core::CommuneId commune, core::ClosureId id) override;
    core::Status save_settings(core::CommuneId commune, const Settings& settings) override;
    core::Status record(const CatalogEvent& event) override;
    core::Result<std::vector<CatalogEvent>> history(core::CommuneId commune) override;

  private:
    CatalogState& m_state;
};

class CatalogTransaction final : public Transaction {
  public:
    explicit CatalogTransaction(CatalogState& state) : m_store(state) {}

    CatalogStore& catalog() override { return m_store; }

  private:
    InMemoryCatalogStore m_store;
};

// catalog::UnitOfWork on memory, for the catalogue's domain tests.
using InMemoryCatalog = core::testing::InMemoryUnitOfWork<CatalogState, CatalogTransaction, Transaction>;

}  // namespace guichet::catalog::testing
