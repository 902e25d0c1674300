#pragma once

#include <map>

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_file.h"
#include "catalog/transaction.h"
#include "core/clock.h"
#include "family/family_input.h"

namespace guichet::catalog {

using family::FieldError;
using family::FieldErrors;

// What an agent types to close a day: the date ("2026-05-11" or "11/05/2026"), an activity code and a site code
// (empty: all), a reason.
struct ClosureInput {
    std::string day;
    std::string activity;
    std::string site;
    std::string reason;
};

// What an agent types for a holiday session. `sites` pairs a site code with its places per day as typed;
// `weekdays` holds weekday codes ("monday"), empty for Monday to Friday.
struct SessionInput {
    std::string code;
    std::string name;
    std::string activity;
    std::string first_day;
    std::string last_day;
    std::vector<std::pair<std::string, std::string>> sites;
    std::vector<std::string> weekdays;
};

// How an import ended: `changed` false when the file held exactly the commune's catalogue (nothing was written, not
// even a history line); otherwise how many entries were added, updated and removed.
struct ImportReport {
    bool changed = false;
    int added = 0;
    int updated = 0;
    int removed = 0;
};

// The catalogue's use cases: each runs in one unit of work and writes its history line with its rows. The caller
// (the web layer, the command line) has checked that the actor is an agent of `commune`.
class CatalogService {
  public:
    CatalogService(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    // The commune's whole catalogue.
    [[nodiscard]] core::Result<Catalog> catalog(core::CommuneId commune);

    // Closes a day. Bad input fills `errors` (fields day, activity, site, reason) and changes nothing.
    [[nodiscard]] core::Result<core::ClosureId> add_closure(core::CommuneId commune,
                                                            std::optional<core::AccountId> actor,
                                                            const ClosureInput& input, FieldErrors& errors);
    // Reopens a closed day; not_found for an id of another commune.
    [[nodiscard]] core::Status remove_closure(core::CommuneId commune, std::optional<core::AccountId> actor,
                                              core::ClosureId id);
    // Creates (no `id`) or updates a holiday session. Bad input fills `errors` (fields code, name, activity,
    // first_day, last_day, site, capacity, weekdays) and changes nothing; not_found for an id of another commune.
    [[nodiscard]] core::Result<core::HolidaySessionId> save_session(core::CommuneId commune,
                                                                    std::optional<core::AccountId> actor,
                                                                    std::optional<core::HolidaySessionId> id,
                                                                    const SessionInput& input, FieldErrors& errors);

    // Changes the commune's settings (settings.h): each name → its new value, or nothing to go back to the default.
    // An unknown name or a value out of bounds fails (invalid_input, `errors` keyed by the setting's name) and
    // changes nothing; a change that changes nothing writes nothing. One history line names what changed.
    [[nodiscard]] core::Status change_settings(core::CommuneId commune, std::optional<core::AccountId> actor,
                                               const std::map<std::string, std::optional<int>>& values,
                                               FieldErrors& errors);

    // Replaces the commune's catalogue by the document's (read by read_catalog_file; REQUIRES: document.valid()),
    // matching entries by code (school years by label, closures by date, activity and site): entries of the file
    // are added or updated, entries absent from it are removed. Removing an entry something still refers to fails
    // with conflict "err_catalog_in_use" and changes nothing. A document equal to the stored catalogue writes
    // nothing and returns changed = false.
    [[nodiscard]] core::Result<ImportReport> import(core::CommuneId commune, std::optional<core::AccountId> actor,
                                                    const CatalogDocument& document);

    // The commune's catalogue in the file format (write_catalog_file).
    [[nodiscard]] core::Result<std::string> export_file(core::CommuneId commune);

    // The commune's history, oldest first.
    [[nodiscard]] core::Result<std::vector<CatalogEvent>> history(core::CommuneId commune);

  private:
    [[nodiscard]] core::Status record(Transaction& tx, core::CommuneId commune, std::optional<core::AccountId> actor,
                                      std::string kind, std::string detail);

    UnitOfWork& m_work;
    const core::Clock& m_clock;
};

}  // namespace guichet::catalog
