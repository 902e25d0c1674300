#pragma once

#include "family/family_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// A parent's family: linking a clé enfance, "Ma famille" (his households, their members, his contacts, the people
// allowed to pick the children up), a child's page, and the "MA FAMILLE" block of his home page.
class FamilyPages final : public FeaturePages {
  public:
    FamilyPages(const Kit& kit, family::FamilyService& family) : FeaturePages(kit), m_family(family) {}

    void add_routes(Installation& site);

  private:
    // The home page's block: the family when the account is linked, otherwise the key form — as refused (its
    // "link_form" and "link_error") when `refused` holds them.
    [[nodiscard]] core::Result<DashboardBlock> dashboard_block(RequestContext& context, const nlohmann::json& refused);
    [[nodiscard]] Response link_childcare_key(RequestContext& context);
    [[nodiscard]] Response family_page(RequestContext& context, nlohmann::json forms, int status);
    [[nodiscard]] Response child_page(RequestContext& context);
    [[nodiscard]] Response family_add_authorised(RequestContext& context);
    [[nodiscard]] Response family_remove_authorised(RequestContext& context);
    [[nodiscard]] Response family_contact(RequestContext& context);

    family::FamilyService& m_family;
};

}  // namespace guichet::web
