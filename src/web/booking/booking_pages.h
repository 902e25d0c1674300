#pragma once

#include <optional>

#include "booking/booking_service.h"
#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// Booking as a parent sees it: a child's enrolments ("Créer une inscription"), his month calendar with the state and
// price of each day, the summary of a batch of days (by day, by weekly pattern, for the whole year) before it is
// confirmed, and the cancellation of booked days. Enrolling is not booking: both pages say so.
class BookingPages final : public FeaturePages {
  public:
    BookingPages(const Kit& kit, booking::BookingService& booking, catalog::CatalogService& catalog)
        : FeaturePages(kit), m_booking(booking), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response calendar(RequestContext& context);
    [[nodiscard]] Response summary(RequestContext& context);
    [[nodiscard]] Response confirm(RequestContext& context);
    [[nodiscard]] Response enrolments(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response enrol(RequestContext& context);

    // The scope and actor of a parent's request; nothing when the commune's time zone is unknown.
    [[nodiscard]] std::optional<booking::Scope> scope_of(const RequestContext& context) const;
    [[nodiscard]] static booking::Actor actor_of(const RequestContext& context);
    // The days a summary form names: ticked days, a weekly pattern or the whole year. Field errors in `errors`.
    [[nodiscard]] core::Result<booking::DaySelection> selection_of(RequestContext& context, const booking::Scope& scope,
                                                                   identity::FieldErrors& errors);
    [[nodiscard]] Response summary_page(RequestContext& context, core::ChildId child, bool cancel,
                                        const booking::DaySelection& selection, int status,
                                        std::string_view notice_key);

    booking::BookingService& m_booking;
    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
