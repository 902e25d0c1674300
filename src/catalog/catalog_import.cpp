#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "catalog/catalog_service.h"

namespace guichet::catalog {
namespace {

// Maps the document's local ids onto the commune's rows, list by list, counting what changes.
class Importer {
  public:
    Importer(CatalogStore& store, core::CommuneId commune, const Catalog& existing, ImportReport& report)
        : m_store(store), m_commune(commune), m_existing(existing), m_report(report) {}

    core::Status apply(const Catalog& incoming) {
        for (Site site : incoming.sites) {
            const auto local = site.id.value();
            GUICHET_TRY(id, save(site, m_existing.site_by_code(site.code), &CatalogStore::insert_site,
                                 &CatalogStore::update_site));
            m_sites.emplace(local, id);
        }
        for (Activity activity : incoming.activities) {
            const auto local = activity.id.value();
            for (auto& place : activity.sites)
                place.site = m_sites.at(place.site.value());
            sort_places(activity.sites);
            GUICHET_TRY(id, save(activity, m_existing.activity_by_code(activity.code), &CatalogStore::insert_activity,
                                 &CatalogStore::update_activity));
            m_activities.emplace(local, id);
        }
        for (SchoolYear year : incoming.school_years) {
            GUICHET_TRY(id, save(year, m_existing.school_year_by_label(year.label), &CatalogStore::insert_school_year,
                                 &CatalogStore::update_school_year));
            (void)id;
        }
        for (HolidaySession session : incoming.sessions) {
            session.activity = m_activities.at(session.activity.value());
            for (auto& place : session.sites)
                place.site = m_sites.at(place.site.value());
            sort_places(session.sites);
            GUICHET_TRY(id, save(session, m_existing.session_by_code(session.code), &CatalogStore::insert_session,
                                 &CatalogStore::update_session));
            (void)id;
        }
        std::set<std::int64_t> kept_closures;
        for (Closure closure : incoming.closures) {
            if (closure.activity)
                closure.activity = m_activities.at(closure.activity->value());
            if (closure.site)
                closure.site = m_sites.at(closure.site->value());
            const Closure* old = nullptr;
            for (const auto& candidate : m_existing.closures) {
                if (candidate.day == closure.day && candidate.activity == closure.activity &&
                    candidate.site == closure.site)
                    old = &candidate;
            }
            GUICHET_TRY(id, save(closure, old, &CatalogStore::insert_closure, &CatalogStore::update_closure));
            kept_closures.insert(id.value());
        }
        GUICHET_TRY_STATUS(remove_absent(incoming, kept_closures));
        if (!(incoming.settings == m_existing.settings)) {
            ++m_report.updated;
            return m_store.save_settings(m_commune, incoming.settings);
        }
        return {};
    }

  private:
    template <class Place>
    static void sort_places(std::vector<Place>& places) {
        std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) { return a.site < b.site; });
    }

    // Inserts the entry, or updates the stored one it matches when they differ; returns the stored id.
    template <class T, class Insert, class Update>
    auto save(T entry, const T* old, Insert insert, Update update) -> core::Result<decltype(entry.id)> {
        entry.commune = m_commune;
        if (old == nullptr) {
            GUICHET_TRY(id, (m_store.*insert)(entry));
            ++m_report.added;
            return id;
        }
        entry.id = old->id;
        if (!(entry == *old)) {
            GUICHET_TRY_STATUS((m_store.*update)(entry));
            ++m_report.updated;
        }
        return entry.id;
    }

    core::Status remove_absent(const Catalog& incoming, const std::set<std::int64_t>& kept_closures) {
        for (const auto& closure : m_existing.closures) {
            if (!kept_closures.contains(closure.id.value()))
                GUICHET_TRY_STATUS(remove(&CatalogStore::delete_closure, closure.id));
        }
        for (const auto& session : m_existing.sessions) {
            if (incoming.session_by_code(session.code) == nullptr)
                GUICHET_TRY_STATUS(remove(&CatalogStore::delete_session, session.id));
        }
        for (const auto& activity : m_existing.activities) {
            if (incoming.activity_by_code(activity.code) == nullptr)
                GUICHET_TRY_STATUS(remove(&CatalogStore::delete_activity, activity.id));
        }
        for (const auto& year : m_existing.school_years) {
            if (incoming.school_year_by_label(year.label) == nullptr)
                GUICHET_TRY_STATUS(remove(&CatalogStore::delete_school_year, year.id));
        }
        for (const auto& site : m_existing.sites) {
            if (incoming.site_by_code(site.code) == nullptr)
                GUICHET_TRY_STATUS(remove(&CatalogStore::delete_site, site.id));
        }
        return {};
    }

    template <class Delete, class Id>
    core::Status remove(Delete erase, Id id) {
        GUICHET_TRY_STATUS((m_store.*erase)(m_commune, id));
        ++m_report.removed;
        return {};
    }

    CatalogStore& m_store;
    core::CommuneId m_commune;
    const Catalog& m_existing;
    ImportReport& m_report;
    std::map<std::int64_t, core::SiteId> m_sites;
    std::map<std::int64_t, core::ActivityId> m_activities;
};

}  // namespace

core::Result<ImportReport> CatalogService::import(core::CommuneId commune, std::optional<core::AccountId> actor,
                                                  const CatalogDocument& document) {
    if (!document.valid())
        return core::fail(core::ErrorCode::invalid_input, "err_catalog_invalid");
    const std::string wanted = write_catalog_file(document.catalog);
    // A file equal to what is stored writes nothing, not even a history line: compared first without the write
    // lock, then again inside the write (another agent may have changed the catalogue in between).
    GUICHET_TRY(current, export_file(commune));
    if (current == wanted)
        return ImportReport{};
    ImportReport report;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        report = {};
        GUICHET_TRY(existing, tx.catalog().load(commune));
        if (write_catalog_file(existing) == wanted)
            return {};
        GUICHET_TRY_STATUS(Importer(tx.catalog(), commune, existing, report).apply(document.catalog));
        report.changed = true;
        std::ostringstream counts;
        counts << '+' << report.added << " ~" << report.updated << " -" << report.removed;
        return record(tx, commune, actor, "catalog_imported", counts.str());
    }));
    return report;
}

}  // namespace guichet::catalog
