#pragma once

#include <optional>

#include "booking/booking_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// Booking for integrators, as JSON under /{commune}/api/v1/ (assets/api/openapi.json describes it): a child's month
// calendar, the summary of a batch of days to book or cancel (by day or by weekly pattern), and its confirmation.
// The same session as the pages; every POST carries the CSRF token in X-CSRF-Token. A body that is not a JSON object
// or a member of the wrong type is a 400, a value that is well typed but wrong (a date, a weekday) a 422, both with
// {"error": {"code", "message", "field"}}; a child of another household is a 404, as for an id that does not exist.
class BookingApi final : public FeaturePages {
  public:
    BookingApi(const Kit& kit, booking::BookingService& booking) : FeaturePages(kit), m_booking(booking) {}

    void add_routes(Installation& site);

  private:
    enum class Intent { book, cancel };
    enum class Step { summary, confirm };

    [[nodiscard]] Response calendar(RequestContext& context);
    // The four POSTs: the summary of a batch or its confirmation, of a booking or of a cancellation.
    [[nodiscard]] Response batch(RequestContext& context, Intent intent, Step step);
    [[nodiscard]] Response book(RequestContext& context, const booking::Scope& scope, core::ChildId child,
                                const booking::DaySelection& selection, const std::string& fingerprint);
    [[nodiscard]] Response cancel(RequestContext& context, const booking::Scope& scope, core::ChildId child,
                                  const booking::DaySelection& selection, const std::string& fingerprint);
    // The answer to a use case's failure: 404 for a child not found, 422 for an unknown activity, else the pages'.
    [[nodiscard]] Response failure(RequestContext& context, const core::Error& error) const;
    // {"error": {"code", "message", "field"}} with the catalogue text of `key`.
    [[nodiscard]] Response field_error(RequestContext& context, int status, std::string_view field,
                                       std::string_view key) const;

    booking::BookingService& m_booking;
};

}  // namespace guichet::web
