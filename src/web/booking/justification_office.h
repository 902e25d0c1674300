#pragma once

#include <string>

#include "booking/absence_service.h"
#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The agents' side of absences: the medical certificates awaited or submitted, each accepted (the day is then not
// billed) or refused with a reason the family reads in its mail.
class JustificationOffice final : public FeaturePages {
  public:
    JustificationOffice(const Kit& kit, booking::AbsenceService& absences, catalog::CatalogService& catalog)
        : FeaturePages(kit), m_absences(absences), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response pending(RequestContext& context, const std::string& failed_id, const std::string& failed_key,
                                   int status);
    [[nodiscard]] Response decide(RequestContext& context);

    booking::AbsenceService& m_absences;
    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
