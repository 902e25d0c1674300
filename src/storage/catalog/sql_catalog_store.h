#pragma once

#include <soci/soci.h>

#include "catalog/catalog_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// catalog::CatalogStore on one SQL transaction (both backends). Handed out by the unit of work
// (storage/unit_of_work.h); lives as long as its transaction. The rows of an activity's or session's sites, and of a
// school year's holidays and days without school, are replaced whole by an update.
class SqlCatalogStore final : public catalog::CatalogStore {
  public:
    SqlCatalogStore(soci::session& session, StatementCache& statements)
        : m_session(session), m_statements(statements) {}

    core::Result<catalog::Catalog> load(core::CommuneId commune) override;
    core::Result<long long> version(core::CommuneId commune) override;
    core::Result<core::SiteId> insert_site(const catalog::Site& site) override;
    core::Status update_site(const catalog::Site& site) override;
    core::Status delete_site(core::CommuneId commune, core::SiteId id) override;
    core::Result<core::ActivityId> insert_activity(const catalog::Activity& activity) override;
    core::Status update_activity(const catalog::Activity& activity) override;
    core::Status delete_activity(core::CommuneId commune, core::ActivityId id) override;
    core::Result<core::SchoolYearId> insert_school_year(const catalog::SchoolYear& year) override;
    core::Status update_school_year(const catalog::SchoolYear& year) override;
    core::Status delete_school_year(core::CommuneId commune, core::SchoolYearId id) override;
    core::Result<core::HolidaySessionId> insert_session(const catalog::HolidaySession& session) override;
    core::Status update_session(const catalog::HolidaySession& session) override;
    core::Status delete_session(core::CommuneId commune, core::HolidaySessionId id) override;
    core::Result<core::ClosureId> insert_closure(const catalog::Closure& closure) override;
    core::Status update_closure(const catalog::Closure& closure) override;
    core::Status delete_closure(core::CommuneId commune, core::ClosureId id) override;
    core::Status save_settings(core::CommuneId commune, const catalog::Settings& settings) override;
    core::Status record(const catalog::CatalogEvent& event) override;
    core::Result<std::vector<catalog::CatalogEvent>> history(core::CommuneId commune) override;

  private:
    // Runs a statement that changes rows of one commune; not_found when it changed none.
    [[nodiscard]] core::Status changed_one(soci::statement& statement);
    [[nodiscard]] core::Result<bool> owns(const char* table, core::CommuneId commune, long long id);
    void write_activity_sites(const catalog::Activity& activity);
    void write_year_days(const catalog::SchoolYear& year);
    void write_session_sites(const catalog::HolidaySession& session);

    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
