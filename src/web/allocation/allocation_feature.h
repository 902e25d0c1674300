#pragma once

#include "booking/allocation_service.h"
#include "catalog/catalog_service.h"
#include "web/allocation/allocation_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// Pre-registration for holiday sessions on the web: the parent's request page per child and session (with the
// published rules, and the result once allocated), the agents' results table with the seed, the timer that allocates
// each session at its closing ("booking.allocation") and the results mail.
class AllocationFeature final : public Feature {
  public:
    AllocationFeature(const Kit& kit, booking::AllocationService& allocation, catalog::CatalogService& catalog)
        : m_pages(kit, allocation, catalog) {}

    void install(Installation& site) override { m_pages.add_routes(site); }

  private:
    AllocationPages m_pages;
};

}  // namespace guichet::web
