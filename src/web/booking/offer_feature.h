#pragma once

#include "web/booking/offer_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// Waiting-list offers ([G6]): the mail link's page, the parent's block of open offers, the agents' waiting lists,
// the mail kind "waiting_offer" and the timer "booking.offers" that expires offers and hands their places on.
class OfferFeature final : public Feature {
  public:
    OfferFeature(const Kit& kit, booking::OfferService& offers, catalog::CatalogService& catalog)
        : m_pages(kit, offers, catalog) {}

    void install(Installation& site) override { m_pages.add_routes(site); }

  private:
    OfferPages m_pages;
};

}  // namespace guichet::web
