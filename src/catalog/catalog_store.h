#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/instant.h"
#include "core/result.h"

namespace guichet::catalog {

// One line of the catalogue's history: which agent changed what, when.
struct CatalogEvent {
    core::CommuneId commune{0};
    std::optional<core::AccountId> actor;  // none: the command line or the demo
    std::string kind;                      // "closure_added", "closure_removed", "session_saved", "catalog_imported"
    std::string detail;                    // short: a date, a code, counts
    core::Instant at{};

    friend bool operator==(const CatalogEvent&, const CatalogEvent&) = default;
};

// A commune's catalogue, inside the transaction of the business step that holds this store (see
// catalog::Transaction). Every row belongs to one commune and every lookup and change is scoped by it: an id of
// another commune is not found (updates and deletes then fail with not_found). Inserting a code (or label) the
// commune already has fails with ErrorCode::conflict (the database's unique index on SQL). Deleting a site or an
// activity something still refers to fails with conflict "err_catalog_in_use".
class CatalogStore {
  public:
    virtual ~CatalogStore() = default;

    // Everything the commune has, each list in code (or label, or date) order, in a fixed number of queries.
    [[nodiscard]] virtual core::Result<Catalog> load(core::CommuneId commune) = 0;
    // A number that changes whenever the commune's catalogue does, whichever process changed it: the count of its
    // history lines, since every change writes one in its own transaction (CatalogService) and none is ever deleted.
    // One indexed count: what a catalogue kept in memory (CatalogCache) is checked against.
    [[nodiscard]] virtual core::Result<long long> version(core::CommuneId commune) = 0;

    [[nodiscard]] virtual core::Result<core::SiteId> insert_site(const Site& site) = 0;
    [[nodiscard]] virtual core::Status update_site(const Site& site) = 0;
    [[nodiscard]] virtual core::Status delete_site(core::CommuneId commune, core::SiteId id) = 0;

    [[nodiscard]] virtual core::Result<core::ActivityId> insert_activity(const Activity& activity) = 0;
    [[nodiscard]] virtual core::Status update_activity(const Activity& activity) = 0;
    [[nodiscard]] virtual core::Status delete_activity(core::CommuneId commune, core::ActivityId id) = 0;

    [[nodiscard]] virtual core::Result<core::SchoolYearId> insert_school_year(const SchoolYear& year) = 0;
    [[nodiscard]] virtual core::Status update_school_year(const SchoolYear& year) = 0;
    [[nodiscard]] virtual core::Status delete_school_year(core::CommuneId commune, core::SchoolYearId id) = 0;

    [[nodiscard]] virtual core::Result<core::HolidaySessionId> insert_session(const HolidaySession& session) = 0;
    [[nodiscard]] virtual core::Status update_session(const HolidaySession& session) = 0;
    [[nodiscard]] virtual core::Status delete_session(core::CommuneId commune, core::HolidaySessionId id) = 0;

    [[nodiscard]] virtual core::Result<core::ClosureId> insert_closure(const Closure& closure) = 0;
    [[nodiscard]] virtual core::Status update_closure(const Closure& closure) = 0;
    [[nodiscard]] virtual core::Status delete_closure(core::CommuneId commune, core::ClosureId id) = 0;

    // Replaces the commune's settings by `settings` (its explicit values; the defaults are not stored).
    [[nodiscard]] virtual core::Status save_settings(core::CommuneId commune, const Settings& settings) = 0;

    [[nodiscard]] virtual core::Status record(const CatalogEvent& event) = 0;
    // The commune's history, oldest first.
    [[nodiscard]] virtual core::Result<std::vector<CatalogEvent>> history(core::CommuneId commune) = 0;
};

}  // namespace guichet::catalog
