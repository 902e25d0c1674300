#pragma once

#include <string>

#include "booking/waiting_offers.h"
#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// Waiting-list offers on the web ([G6]): the page of an offer's mail link (/{commune}/offres/{jeton}, for anyone:
// the token is the proof, signed in or not) which asks to confirm before accepting or declining; the parent's block
// of open offers on his home page, answered under the child (/ma-famille/enfants/{child}/offres/{offer}); the
// agents' waiting lists with their offers, and the offer of a place by hand.
class OfferPages final : public FeaturePages {
  public:
    OfferPages(const Kit& kit, booking::OfferService& offers, catalog::CatalogService& catalog)
        : FeaturePages(kit), m_offers(offers), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response link_page(RequestContext& context);
    [[nodiscard]] Response link_answer(RequestContext& context);
    [[nodiscard]] Response child_answer(RequestContext& context);
    [[nodiscard]] Response office_lists(RequestContext& context, const std::string& error_key, int status);
    [[nodiscard]] Response office_offer(RequestContext& context);
    [[nodiscard]] core::Result<DashboardBlock> dashboard_block(RequestContext& context);
    // The page of a link that offers nothing any more (answered, expired, withdrawn) or never did.
    [[nodiscard]] Response closed_page(RequestContext& context, int status, std::string_view key);

    booking::OfferService& m_offers;
    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
