#pragma once

#include "web/booking/booking_api.h"
#include "web/booking/booking_office.h"
#include "web/booking/booking_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// Enrolments and bookings on the web: the parent's side (BookingPages), the same pages at the guichet where an agent
// books for a family, the agents' validation of enrolments (BookingOffice) and the JSON API for integrators
// (BookingApi).
class BookingFeature final : public Feature {
  public:
    BookingFeature(const Kit& kit, booking::BookingService& booking, catalog::CatalogService& catalog)
        : m_pages(kit, booking, catalog, BookingDesk::parent),
          m_desk(kit, booking, catalog, BookingDesk::guichet),
          m_office(kit, booking, catalog),
          m_api(kit, booking) {}

    void install(Installation& site) override {
        m_pages.add_routes(site);
        m_desk.add_routes(site);
        m_office.add_routes(site);
        m_api.add_routes(site);
    }

  private:
    BookingPages m_pages;
    BookingPages m_desk;  // the same pages at the guichet, for the household an agent has open
    BookingOffice m_office;
    BookingApi m_api;
};

}  // namespace guichet::web
