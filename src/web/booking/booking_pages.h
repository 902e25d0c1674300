#pragma once

#include <optional>
#include <string>

#include "booking/booking_service.h"
#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// Where the booking pages are served: in the parent's own space, or at the guichet, where an agent of the commune books
// for the household he has open (his account and the channel "guichet" go in the history of every booking).
enum class BookingDesk { parent, guichet };

// Booking as a parent sees it: a child's enrolments ("Créer une inscription"), his month calendar with the state and
// price of each day, the summary of a batch of days (by day, by weekly pattern, for the whole year) before it is
// confirmed, the cancellation of booked days and the waiting list of a full day. Enrolling is not booking: both pages
// say so. The same pages, under /agents/familles/{household}/, are the guichet's.
class BookingPages final : public FeaturePages {
  public:
    BookingPages(const Kit& kit, booking::BookingService& booking, catalog::CatalogService& catalog, BookingDesk desk)
        : FeaturePages(kit), m_booking(booking), m_catalog(catalog), m_desk(desk) {}

    void add_routes(Installation& site);

  private:
    // What every request of these pages acts on: the commune, who acts, the child, and the parameters of its links.
    struct Target {
        booking::Scope scope;
        booking::Actor actor;
        core::ChildId child{0};
        UrlParams here;
    };

    [[nodiscard]] Response calendar(RequestContext& context);
    [[nodiscard]] Response summary(RequestContext& context);
    [[nodiscard]] Response confirm(RequestContext& context);
    [[nodiscard]] Response waiting(RequestContext& context);
    [[nodiscard]] Response enrolments(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response enrol(RequestContext& context);
    // The agenda section of the child's profile: his booked days of the next four weeks, and the links to book.
    [[nodiscard]] core::Result<std::string> agenda_panel(RequestContext& context, core::ChildId child);

    // The target of the request; nothing for an id that does not parse or a commune whose time zone is unknown (404).
    [[nodiscard]] std::optional<Target> target_of(const RequestContext& context) const;
    // The name of one of this desk's routes: "booking.calendar", or "booking.desk.calendar" at the guichet.
    [[nodiscard]] std::string route(std::string_view what) const;
    // What the desk's pages say and link to besides the booking itself: the way back (the child's profile, or the
    // household's page at the guichet) and, at the guichet, that the agent acts for the family.
    void add_desk(RequestContext& context, const Target& target, nlohmann::json& data) const;
    // The days a summary form names: ticked days, a weekly pattern or the whole year. Field errors in `errors`.
    [[nodiscard]] core::Result<booking::DaySelection> selection_of(RequestContext& context, const Target& target,
                                                                   identity::FieldErrors& errors);
    [[nodiscard]] Response summary_page(RequestContext& context, const Target& target, bool cancel,
                                        const booking::DaySelection& selection, int status,
                                        std::string_view notice_key);

    booking::BookingService& m_booking;
    catalog::CatalogService& m_catalog;
    BookingDesk m_desk;
};

}  // namespace guichet::web
