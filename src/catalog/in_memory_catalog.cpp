#include "catalog/in_memory_catalog.h"

#include <algorithm>

namespace guichet::catalog::testing {
namespace {

core::Status not_found() {
    return core::fail(core::ErrorCode::not_found, "error_not_found");
}
core::Status code_taken() {
    return core::fail(core::ErrorCode::conflict, "err_catalog_code_taken");
}
core::Status in_use() {
    return core::fail(core::ErrorCode::conflict, "err_catalog_in_use");
}

// Whether another row of the commune already has this key (its code or label).
template <class T, class Key>
bool taken(const std::map<std::int64_t, T>& rows, const T& row, std::int64_t id, Key&& key) {
    return std::any_of(rows.begin(), rows.end(), [&](const auto& entry) {
        return entry.first != id && entry.second.commune == row.commune && key(entry.second) == key(row);
    });
}

template <class T, class Key>
core::Result<std::int64_t> insert(std::map<std::int64_t, T>& rows, std::int64_t& next_id, T row, Key&& key) {
    if (taken(rows, row, 0, key))
        return tl::unexpected(code_taken().error());
    const std::int64_t id = next_id++;
    row.id = decltype(row.id){id};
    rows.emplace(id, std::move(row));
    return id;
}

template <class T, class Key>
core::Status update(std::map<std::int64_t, T>& rows, const T& row, Key&& key) {
    const auto found = rows.find(row.id.value());
    if (found == rows.end() || found->second.commune != row.commune)
        return not_found();
    if (taken(rows, row, row.id.value(), key))
        return code_taken();
    found->second = row;
    return {};
}

template <class T, class Id>
core::Status erase(std::map<std::int64_t, T>& rows, core::CommuneId commune, Id id, bool referenced) {
    const auto found = rows.find(id.value());
    if (found == rows.end() || found->second.commune != commune)
        return not_found();
    if (referenced)
        return in_use();
    rows.erase(found);
    return {};
}

template <class T>
std::vector<T> of_commune(const std::map<std::int64_t, T>& rows, core::CommuneId commune) {
    std::vector<T> result;
    for (const auto& [id, row] : rows) {
        if (row.commune == commune)
            result.push_back(row);
    }
    return result;
}

const auto kCode = [](const auto& row) { return row.code; };
const auto kLabel = [](const SchoolYear& row) { return row.label; };
const auto kNoKey = [](const Closure& row) { return row.id.value(); };

}  // namespace

core::Result<Catalog> InMemoryCatalogStore::load(core::CommuneId commune) {
    Catalog catalog;
    catalog.sites = of_commune(m_state.sites, commune);
    catalog.activities = of_commune(m_state.activities, commune);
    catalog.school_years = of_commune(m_state.school_years, commune);
    catalog.sessions = of_commune(m_state.sessions, commune);
    catalog.closures = of_commune(m_state.closures, commune);
    if (const auto settings = m_state.settings.find(commune.value()); settings != m_state.settings.end())
        catalog.settings = settings->second;
    const auto by_code = [](const auto& a, const auto& b) { return a.code < b.code; };
    std::sort(catalog.sites.begin(), catalog.sites.end(), by_code);
    std::sort(catalog.activities.begin(), catalog.activities.end(), by_code);
    std::sort(catalog.sessions.begin(), catalog.sessions.end(), by_code);
    std::sort(catalog.school_years.begin(), catalog.school_years.end(),
              [](const auto& a, const auto& b) { return a.label < b.label; });
    std::sort(catalog.closures.begin(), catalog.closures.end(),
              [](const Closure& a, const Closure& b) { return a.day != b.day ? a.day < b.day : a.id < b.id; });
    return catalog;
}

core::Result<long long> InMemoryCatalogStore::version(core::CommuneId) {
    return m_state.changes;
}

core::Result<core::SiteId> InMemoryCatalogStore::insert_site(const Site& site) {
    ++m_state.changes;
    GUICHET_TRY(id, insert(m_state.sites, m_state.next_id, site, kCode));
    return core::SiteId{id};
}
core::Status InMemoryCatalogStore::update_site(const Site& site) {
    ++m_state.changes;
    return update(m_state.sites, site, kCode);
}
core::Status InMemoryCatalogStore::delete_site(core::CommuneId commune, core::SiteId id) {
    ++m_state.changes;
    const bool referenced = std::any_of(m_state.activities.begin(), m_state.activities.end(),
                                        [&](const auto& a) { return a.second.capacity_at(id).has_value(); }) ||
                            std::any_of(m_state.sessions.begin(), m_state.sessions.end(),
                                        [&](const auto& s) { return s.second.capacity_at(id).has_value(); }) ||
                            std::any_of(m_state.closures.begin(), m_state.closures.end(),
                                        [&](const auto& c) { return c.second.site == id; });
    return erase(m_state.sites, commune, id, referenced);
}

core::Result<core::ActivityId> InMemoryCatalogStore::insert_activity(const Activity& activity) {
    ++m_state.changes;
    GUICHET_TRY(id, insert(m_state.activities, m_state.next_id, activity, kCode));
    return core::ActivityId{id};
}
core::Status InMemoryCatalogStore::update_activity(const Activity& activity) {
    ++m_state.changes;
    return update(m_state.activities, activity, kCode);
}
core::Status InMemoryCatalogStore::delete_activity(core::CommuneId commune, core::ActivityId id) {
    ++m_state.changes;
    const bool referenced = std::any_of(m_state.sessions.begin(), m_state.sessions.end(),
                                        [&](const auto& s) { return s.second.activity == id; }) ||
                            std::any_of(m_state.closures.begin(), m_state.closures.end(),
                                        [&](const auto& c) { return c.second.activity == id; });
    return erase(m_state.activities, commune, id, referenced);
}

core::Result<core::SchoolYearId> InMemoryCatalogStore::insert_school_year(const SchoolYear& year) {
    ++m_state.changes;
    GUICHET_TRY(id, insert(m_state.school_years, m_state.next_id, year, kLabel));
    return core::SchoolYearId{id};
}
core::Status InMemoryCatalogStore::update_school_year(const SchoolYear& year) {
    ++m_state.changes;
    return update(m_state.school_years, year, kLabel);
}
core::Status InMemoryCatalogStore::delete_school_year(core::CommuneId commune, core::SchoolYearId id) {
    ++m_state.changes;
    return erase(m_state.school_years, commune, id, false);
}

core::Result<core::HolidaySessionId> InMemoryCatalogStore::insert_session(const HolidaySession& session) {
    ++m_state.changes;
    GUICHET_TRY(id, insert(m_state.sessions, m_state.next_id, session, kCode));
    return core::HolidaySessionId{id};
}
core::Status InMemoryCatalogStore::update_session(const HolidaySession& session) {
    ++m_state.changes;
    return update(m_state.sessions, session, kCode);
}
core::Status InMemoryCatalogStore::delete_session(core::CommuneId commune, core::HolidaySessionId id) {
    ++m_state.changes;
    return erase(m_state.sessions, commune, id, false);
}

core::Status InMemoryCatalogStore::save_settings(core::CommuneId commune, const Settings& settings) {
    m_state.settings[commune.value()] = settings;
    ++m_state.changes;
    return {};
}

core::Result<core::ClosureId> InMemoryCatalogStore::insert_closure(const Closure& closure) {
    ++m_state.changes;
    GUICHET_TRY(id, insert(m_state.closures, m_state.next_id, closure, kNoKey));
    return core::ClosureId{id};
}
core::Status InMemoryCatalogStore::update_closure(const Closure& closure) {
    ++m_state.changes;
    return update(m_state.closures, closure, kNoKey);
}
core::Status InMemoryCatalogStore::delete_closure(core::CommuneId commune, core::ClosureId id) {
    ++m_state.changes;
    return erase(m_state.closures, commune, id, false);
}

core::Status InMemoryCatalogStore::record(const CatalogEvent& event) {
    ++m_state.changes;
    m_state.events.push_back(event);
    return {};
}

core::Result<std::vector<CatalogEvent>> InMemoryCatalogStore::history(core::CommuneId commune) {
    std::vector<CatalogEvent> result;
    for (const auto& event : m_state.events) {
        if (event.commune == commune)
            result.push_back(event);
    }
    return result;
}

}  // namespace guichet::catalog::testing
