#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "catalog/catalog_store.h"

namespace guichet::catalog {

// The catalogues last read, one per commune, each with the version of the catalogue it was read at
// (CatalogStore::version). A use case that only reads the catalogue asks for it here: the version is read in the
// use case's own transaction, one indexed count, and the whole catalogue (ten tables) only when it moved since, so
// that a change made by another unit of work or another process (an agent's closure, `guichet catalog import`) is
// seen by the next request. Only for transactions that have not changed the catalogue themselves: what they read may
// still roll back. Thread-safe; the catalogues handed out are shared and never change.
class CatalogCache {
  public:
    // A catalogue and the version it was read at.
    struct Entry {
        long long version = 0;
        std::shared_ptr<const Catalog> catalog;
    };

    // The commune's catalogue as `store`'s transaction sees it, with its version (which a later transaction may
    // compare with its own, to know whether the catalogue changed in between).
    [[nodiscard]] core::Result<Entry> get(CatalogStore& store, core::CommuneId commune);

  private:
    std::mutex m_mutex;
    std::map<std::int64_t, Entry> m_entries;
};

}  // namespace guichet::catalog
