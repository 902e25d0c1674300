#pragma once

#include <optional>
#include <string>

#include "booking/absence_service.h"
#include "catalog/catalog_service.h"
#include "web/booking/booking_pages.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// A child's absences as a parent sees them ("Signaler une absence"): the form (days, activities, reason) and the
// list of his absences with their certificate's state, deadline and whether the day is billed. The same page, under
// /agents/familles/{household}/, is the guichet's, where an agent reports for the family (channel guichet).
class AbsencePages final : public FeaturePages {
  public:
    AbsencePages(const Kit& kit, booking::AbsenceService& absences, catalog::CatalogService& catalog, BookingDesk desk)
        : FeaturePages(kit), m_absences(absences), m_catalog(catalog), m_desk(desk) {}

    void add_routes(Installation& site);

  private:
    struct Target {
        booking::Scope scope;
        booking::Actor actor;
        core::ChildId child{0};
        UrlParams here;
    };

    [[nodiscard]] Response list(RequestContext& context, const nlohmann::json& form, const std::string& error_key,
                                int status);
    [[nodiscard]] Response report(RequestContext& context);
    // The target of the request; nothing for an id that does not parse or a commune whose time zone is unknown (404).
    [[nodiscard]] std::optional<Target> target_of(const RequestContext& context) const;
    [[nodiscard]] std::string route(std::string_view what) const;

    booking::AbsenceService& m_absences;
    catalog::CatalogService& m_catalog;
    BookingDesk m_desk;
};

}  // namespace guichet::web
