#pragma once

#include "catalog/catalog_service.h"
#include "web/catalog/catalog_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// The catalogue on the web: the calendar families and agents read (/{commune}/calendrier) and the agents' catalogue
// page (/{commune}/agents/catalogue), where they close days and create holiday sessions.
class CatalogFeature final : public Feature {
  public:
    CatalogFeature(const Kit& kit, catalog::CatalogService& catalog) : m_pages(kit, catalog) {}

    void install(Installation& site) override { m_pages.add_routes(site); }

  private:
    CatalogPages m_pages;
};

}  // namespace guichet::web
