#pragma once

#include <string>

#include "core/result.h"
#include "notify/rendered_mail.h"
#include "tenancy/commune_repository.h"
#include "web/i18n.h"
#include "web/page_renderer.h"
#include "web/templates.h"

namespace guichet::web {

// Renders outbox messages into mails: templates/mail/<template>.{text,html}.mustache, the subject from the
// catalogue, From the portal's address and Reply-To the commune's service address. Links are built from the
// commune's portal address carried by the message and the page each template points at.
class MailComposer final : public notify::MailRenderer {
  public:
    MailComposer(const Templates& templates, const Catalogue& catalogue, const PageRenderer& pages,
                 tenancy::CommuneRepository& communes, std::string from)
        : m_templates(templates),
          m_catalogue(catalogue),
          m_pages(pages),
          m_communes(communes),
          m_from(std::move(from)) {}

    [[nodiscard]] core::Result<notify::RenderedMail> render(const notify::OutboxMessage& message) override;

    // The portal's address as families reach it: links in mails start with it. Set before the server starts.
    void set_public_url(std::string url) { m_public_url = std::move(url); }

    // Returns the page of the portal a template's link opens, relative to the commune ("nouveau-mot-de-passe"), or
    // an empty string for mails without a link.
    [[nodiscard]] static std::string_view link_path(std::string_view template_name);

  private:
    const Templates& m_templates;
    const Catalogue& m_catalogue;
    const PageRenderer& m_pages;
    tenancy::CommuneRepository& m_communes;
    std::string m_from;
    std::string m_public_url;
};

}  // namespace guichet::web
