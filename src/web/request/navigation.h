#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace guichet::web {

struct RequestContext;

// Who sees a menu entry or a link.
// roll_takers: agents, admins and site staff (who see only those entries and the signed-in ones).
enum class Audience { signed_in, parent, staff, admin, roll_takers };

// Returns true when the account is of the audience.
[[nodiscard]] bool in_audience(Audience audience, bool staff, bool admin);

// An entry of the menu under the header, shown to its audience, in `order` across features.
struct MenuEntry {
    int order = 0;
    std::string route;      // a route name of the commune
    std::string label_key;  // catalogue key
    Audience audience = Audience::signed_in;
};

// A link of "Mon tableau de bord", on the parent's home page.
struct DashboardTile {
    int order = 0;
    std::string route;
    std::string label_key;
};

// A block of the parent's home page, rendered by the feature that owns it, with the tiles it adds.
struct DashboardBlock {
    std::string html;
    std::vector<DashboardTile> tiles;
};

// Renders a feature's block for the signed-in parent; an empty html shows nothing.
using DashboardProvider = std::function<core::Result<DashboardBlock>(RequestContext&)>;

struct DashboardPanel {
    int order = 0;
    std::string name;  // "family": a handler may show the block in another state (a refused key) by this name
    DashboardProvider provide;
};

// A section of a child's profile, rendered by the feature that owns it (the booking feature: his agenda) for whoever
// may see the child; an empty html shows nothing. The profile's own feature does not know the others.
using ChildPanelProvider = std::function<core::Result<std::string>(RequestContext&, core::ChildId)>;

struct ChildPanel {
    int order = 0;
    ChildPanelProvider provide;
};

// A section of "Mon compte", rendered by the feature that owns it (the reminders and the calendar feed) for the
// signed-in person; an empty html shows nothing. The account page's own feature does not know the others.
using AccountPanelProvider = std::function<core::Result<std::string>(RequestContext&)>;

struct AccountPanel {
    int order = 0;
    AccountPanelProvider provide;
};

// A link of the agents' home page ("Accueil des agents"): one per area of the back office.
struct OfficeLink {
    int order = 0;
    std::string route;
    std::string label_key;
    std::string description_key;
    Audience audience = Audience::staff;
};

// The pages every page links to, whoever provides them: the layout and the mails are built from these.
struct SiteLinks {
    std::string landing;          // the commune's home page
    std::string accessibility;    // the accessibility statement, linked from every page's footer
    std::string logo;             // the commune's logo (with ?v=<version>)
    std::string login;            // the sign-in page
    std::string signup;           // "Créer mon espace"
    std::string logout;           // the sign-out form's target
    std::string forgot;           // "mot de passe oublié"
    std::string parent_home;      // where a signed-in parent's name links to
    std::string staff_home;       // where a signed-in agent's name links to
    std::string site_staff_home;  // where a signed-in site staff member's name links to (the roll)
};

// What features register for the pages around their own: menu entries, home-page tiles and blocks, the common links.
// Filled at start-up, then only read.
class Navigation {
  public:
    void add(MenuEntry entry);
    void add(DashboardTile tile);
    void add(DashboardPanel panel);
    void add(OfficeLink link);
    void add(ChildPanel panel);
    void add(AccountPanel panel);

    [[nodiscard]] SiteLinks& links() { return m_links; }
    [[nodiscard]] const SiteLinks& links() const { return m_links; }

    // In their order.
    [[nodiscard]] const std::vector<MenuEntry>& menu() const { return m_menu; }
    [[nodiscard]] const std::vector<DashboardTile>& tiles() const { return m_tiles; }
    [[nodiscard]] const std::vector<DashboardPanel>& panels() const { return m_panels; }
    [[nodiscard]] const std::vector<OfficeLink>& office_links() const { return m_office_links; }
    [[nodiscard]] const std::vector<ChildPanel>& child_panels() const { return m_child_panels; }
    [[nodiscard]] const std::vector<AccountPanel>& account_panels() const { return m_account_panels; }

  private:
    std::vector<MenuEntry> m_menu;
    std::vector<DashboardTile> m_tiles;
    std::vector<DashboardPanel> m_panels;
    std::vector<OfficeLink> m_office_links;
    std::vector<ChildPanel> m_child_panels;
    std::vector<AccountPanel> m_account_panels;
    SiteLinks m_links;
};

// A kind of mail a feature sends, for the composer: the folder of its templates ("identity" for
// templates/identity/mail/confirm_email.{text,html}.mustache), the page its link opens (with the token as ?jeton=)
// and the catalogue key saying how long the link lasts. The outbox stores only the kind's name.
struct MailKind {
    std::string name;  // "confirm_email", as the domain queues it
    std::string template_folder;
    std::string link_route;    // empty: a mail without a link
    std::string validity_key;  // empty: no validity said
};

class MailKinds {
  public:
    // Throws std::logic_error for a name registered twice.
    void add(MailKind kind);
    [[nodiscard]] const MailKind* find(std::string_view name) const;
    [[nodiscard]] std::vector<const MailKind*> all() const;

  private:
    std::map<std::string, MailKind, std::less<>> m_kinds;
};

}  // namespace guichet::web
