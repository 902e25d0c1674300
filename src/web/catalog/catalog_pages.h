#pragma once

#include <nlohmann/json.hpp>

#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The catalogue's pages. The calendar (signed-in parents and agents) shows, for each school year, the rentrée, the
// holidays, the days without school, the public holidays and the closure days, and says which dates the town has
// still to confirm. The agents' page lists sites, activities (their rules in words) and sessions, and holds the forms
// to close and reopen a day and to create a holiday session; bad input is shown in the page and changes nothing.
class CatalogPages final : public FeaturePages {
  public:
    CatalogPages(const Kit& kit, catalog::CatalogService& catalog) : FeaturePages(kit), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response calendar_page(RequestContext& context);
    // The agents' page; `forms` holds a form shown again with its errors ("closure", "session"), status 422 then.
    [[nodiscard]] Response office_page(RequestContext& context, nlohmann::json forms, int status);
    [[nodiscard]] Response add_closure(RequestContext& context);
    [[nodiscard]] Response remove_closure(RequestContext& context);
    [[nodiscard]] Response create_session(RequestContext& context);
    [[nodiscard]] Response change_settings(RequestContext& context);

    // The rules of an activity as sentences in the visitor's language.
    [[nodiscard]] nlohmann::json rules_in_words(const catalog::Activity& activity, Language language) const;
    // "lundi 01/09/2025", with "(à confirmer)" after a date the town has not confirmed.
    [[nodiscard]] nlohmann::json date_view(const catalog::TownDate& date, Language language) const;

    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
