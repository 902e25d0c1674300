#pragma once

#include "booking/booking_service.h"
#include "catalog/catalog_service.h"
#include "family/family_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The agents' side of enrolments: the commune's pending enrolments, each accepted or refused with a reason that the
// family reads.
class BookingOffice final : public FeaturePages {
  public:
    BookingOffice(const Kit& kit, booking::BookingService& booking, catalog::CatalogService& catalog)
        : FeaturePages(kit), m_booking(booking), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response pending(RequestContext& context, const std::string& refused_id,
                                   const std::string& refused_key, int status);
    [[nodiscard]] Response decide(RequestContext& context);

    booking::BookingService& m_booking;
    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
