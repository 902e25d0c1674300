#pragma once

#include "catalog/catalog_store.h"
#include "core/unit_of_work.h"

namespace guichet::catalog {

// What a catalogue use case may touch in its one transaction: the catalogue and its history. The booking module's
// transaction will extend it.
class Transaction {
  public:
    virtual ~Transaction() = default;

    [[nodiscard]] virtual CatalogStore& catalog() = 0;
};

using UnitOfWork = core::UnitOfWork<Transaction>;

}  // namespace guichet::catalog
