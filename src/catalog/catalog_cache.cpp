#include "catalog/catalog_cache.h"

namespace guichet::catalog {

core::Result<CatalogCache::Entry> CatalogCache::get(CatalogStore& store, core::CommuneId commune) {
    // The version first, then the catalogue: a change committed between the two makes the catalogue newer than its
    // version, and the next request, seeing a newer version, reads it again. The other order could keep an old
    // catalogue under a new version.
    GUICHET_TRY(version, store.version(commune));
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (const auto found = m_entries.find(commune.value());
            found != m_entries.end() && found->second.version == version) {
            return found->second;
        }
    }
    GUICHET_TRY(loaded, store.load(commune));
    Entry entry{version, std::make_shared<const Catalog>(std::move(loaded))};
    const std::lock_guard<std::mutex> lock(m_mutex);
    // The last read replaces the kept one, even when its version is lower: a slower request that read an older
    // version only costs the next one a reload, whereas a catalogue read inside a write that was then undone (its
    // version counted a change that never committed) must not outlive the next read.
    m_entries[commune.value()] = entry;
    return entry;
}

}  // namespace guichet::catalog
