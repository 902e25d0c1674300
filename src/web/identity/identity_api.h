#pragma once

#include "web/identity/account_pages.h"

namespace guichet::web {

// The JSON API of the account (/<commune>/api/v1/moi): the same session as the pages; state changes carry the CSRF
// token in the X-CSRF-Token header; errors are JSON objects with a stable code.
class IdentityApi final : public FeaturePages {
  public:
    IdentityApi(const Kit& kit, IdentityServices identity) : FeaturePages(kit), m_identity(identity) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response api_me(RequestContext& context);
    [[nodiscard]] Response api_update_contact(RequestContext& context);

    IdentityServices m_identity;
};

}  // namespace guichet::web
