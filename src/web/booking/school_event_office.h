#pragma once

#include <string>

#include "booking/school_event_service.h"
#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The agents' school events: the list (active and undone, with the days each cancelled), the form to declare one
// (site, days, kind, activities) and the action that undoes one.
class SchoolEventOffice final : public FeaturePages {
  public:
    SchoolEventOffice(const Kit& kit, booking::SchoolEventService& events, catalog::CatalogService& catalog)
        : FeaturePages(kit), m_events(events), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response list(RequestContext& context, const nlohmann::json& form, const std::string& error_key,
                                int status);
    [[nodiscard]] Response declare(RequestContext& context);
    [[nodiscard]] Response undo(RequestContext& context);

    booking::SchoolEventService& m_events;
    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
