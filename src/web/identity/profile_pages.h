#pragma once

#include "web/identity/account_pages.h"

namespace guichet::web {

// The signed-in person's own pages: the parent's home ("Mon espace"), "Mon compte" (username, email, password),
// "Coordonnées", "Mes données" (export, closure request).
class ProfilePages final : public FeaturePages {
  public:
    ProfilePages(const Kit& kit, IdentityServices identity) : FeaturePages(kit), m_identity(identity) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response home(RequestContext& context);
    [[nodiscard]] Response account_page(RequestContext& context, const nlohmann::json& forms);
    [[nodiscard]] Response change_username(RequestContext& context);
    [[nodiscard]] Response change_email(RequestContext& context);
    [[nodiscard]] Response change_password(RequestContext& context);
    [[nodiscard]] Response confirm_new_email_form(RequestContext& context);
    [[nodiscard]] Response confirm_new_email_submit(RequestContext& context);
    [[nodiscard]] Response contact_form(RequestContext& context);
    [[nodiscard]] Response contact_submit(RequestContext& context);
    [[nodiscard]] Response my_data(RequestContext& context, nlohmann::json form);
    [[nodiscard]] Response data_export(RequestContext& context);
    [[nodiscard]] Response closure_submit(RequestContext& context);

    IdentityServices m_identity;
};

}  // namespace guichet::web
