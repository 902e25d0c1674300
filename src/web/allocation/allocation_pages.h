#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "booking/allocation_service.h"
#include "catalog/catalog_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The pages of pre-registration: a child's request for a session (GET shows the session, its window, its published
// priorities in plain French, the request or the result; POST requests or withdraws), the section of the child's
// profile that lists the sessions open to requests, and the agents' table of a session's requests and results.
class AllocationPages final : public FeaturePages {
  public:
    AllocationPages(const Kit& kit, booking::AllocationService& allocation, catalog::CatalogService& catalog)
        : FeaturePages(kit), m_allocation(allocation), m_catalog(catalog) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response child_page(RequestContext& context);
    [[nodiscard]] Response child_post(RequestContext& context);
    [[nodiscard]] Response office_page(RequestContext& context);
    [[nodiscard]] core::Result<std::string> child_panel(RequestContext& context, core::ChildId child);
    // Allocates every commune's sessions whose window closed by `now`.
    [[nodiscard]] core::Result<std::size_t> tick(core::Instant now);

    // The published priorities, each as a sentence of the visitor's language.
    [[nodiscard]] nlohmann::json rules_of(RequestContext& context, const catalog::SessionAllocation& rules) const;
    [[nodiscard]] std::optional<booking::Scope> scope_of(const RequestContext& context) const;

    booking::AllocationService& m_allocation;
    catalog::CatalogService& m_catalog;
};

}  // namespace guichet::web
