#pragma once

#include "web/request/feature.h"
#include "web/view/kit.h"

namespace guichet::web {

// What a commune shows before anyone signs in: its landing page with the two ways in, the accessibility statement,
// its logo; and the site's root, which sends a single-commune portal to its commune.
class PortalFeature final : public Feature {
  public:
    explicit PortalFeature(const Kit& kit) : m_kit(kit) {}

    void install(Installation& site) override;

  private:
    [[nodiscard]] Response root(RequestContext& context) const;
    [[nodiscard]] Response landing(RequestContext& context) const;
    [[nodiscard]] static Response logo(RequestContext& context);

    const Kit& m_kit;
    const Navigation* m_navigation = nullptr;
};

}  // namespace guichet::web
