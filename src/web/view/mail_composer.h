#pragma once

#include <string>

#include "core/result.h"
#include "notify/rendered_mail.h"
#include "tenancy/commune_repository.h"
#include "web/request/navigation.h"
#include "web/request/router.h"
#include "web/view/i18n.h"
#include "web/view/pages.h"
#include "web/view/templates.h"

namespace guichet::web {

// Renders outbox messages into mails, from the kinds features register (MailKinds): the templates
// templates/<folder>/mail/<kind>.{text,html}.mustache, the subject from the catalogue (mail_<kind>_subject), From the
// portal's address and Reply-To the commune's service address. Links are the portal's public address followed by
// the path of a route (never the Host header a client sent).
class MailComposer final : public notify::MailRenderer {
  public:
    MailComposer(const Templates& templates, const Catalogue& catalogue, const Pages& pages, const Router& router,
                 const Navigation& navigation, const MailKinds& kinds, tenancy::CommuneRepository& communes,
                 std::string from)
        : m_templates(templates),
          m_catalogue(catalogue),
          m_pages(pages),
          m_router(router),
          m_navigation(navigation),
          m_kinds(kinds),
          m_communes(communes),
          m_from(std::move(from)) {}

    [[nodiscard]] core::Result<notify::RenderedMail> render(const notify::OutboxMessage& message) override;

    // The portal's address as families reach it: links in mails start with it. Set before the server starts.
    void set_public_url(std::string url) { m_public_url = std::move(url); }

  private:
    const Templates& m_templates;
    const Catalogue& m_catalogue;
    const Pages& m_pages;
    const Router& m_router;
    const Navigation& m_navigation;
    const MailKinds& m_kinds;
    tenancy::CommuneRepository& m_communes;
    std::string m_from;
    std::string m_public_url;
};

}  // namespace guichet::web
