#pragma once

#include "notify/outbox_message.h"
#include "notify/outbox_repository.h"
#include "notify/rendered_mail.h"
#include "web/identity/account_pages.h"

namespace guichet::web {

// The back office of the town's staff: the agents' home page (a link per area of the back office, registered by
// each feature), agent accounts and roles, the mails sent (admins), the account closures to confirm.
class StaffPages final : public FeaturePages {
  public:
    StaffPages(const Kit& kit, IdentityServices identity, notify::OutboxRepository& outbox, notify::MailRenderer& mails,
               bool mail_delivery)
        : FeaturePages(kit), m_identity(identity), m_outbox(outbox), m_mails(mails), m_mail_delivery(mail_delivery) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response agents_home(RequestContext& context);
    [[nodiscard]] Response agents_accounts(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response agents_create(RequestContext& context);
    [[nodiscard]] Response agents_change_role(RequestContext& context);
    [[nodiscard]] Response agents_mails(RequestContext& context);
    [[nodiscard]] Response agents_mail(RequestContext& context);
    [[nodiscard]] Response agents_closures(RequestContext& context);
    [[nodiscard]] Response agents_close(RequestContext& context);

    IdentityServices m_identity;
    notify::OutboxRepository& m_outbox;
    notify::MailRenderer& m_mails;
    bool m_mail_delivery;
    const Navigation* m_navigation = nullptr;
};

}  // namespace guichet::web
