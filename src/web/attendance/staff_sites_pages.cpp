// The sites of the site staff accounts, set by an admin.
#include "web/attendance/staff_sites_pages.h"

#include <algorithm>

#include "web/http/url.h"
#include "web/view/people.h"

namespace guichet::web {

void StaffSitesPages::add_routes(Installation& site) {
    site.routes.add(commune_route(Method::get, "/{commune}/agents/pointage/personnel", "attendance.staff",
                                  Policy::admin(), [this](RequestContext& c) { return list(c); }));
    site.routes.add(commune_route(Method::post, "/{commune}/agents/pointage/personnel/{account}",
                                  "attendance.staff_sites", Policy::admin(),
                                  [this](RequestContext& c) { return save(c); }));
}

Response StaffSitesPages::list(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const booking::Scope scope{context.commune_id(), *zone};
    auto accounts = m_staff.list(context.commune_id());
    if (!accounts) {
        return storage_failure(context, accounts.error());
    }
    auto sites = m_attendance.sites_for(scope, {context.signed_in->account.id, context.signed_in->account.role, ""});
    if (!sites) {
        return storage_failure(context, sites.error());
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const identity::Account& account : *accounts) {
        if (account.role != identity::Role::site_staff) {
            continue;
        }
        auto own = m_attendance.staff_sites(scope, account.id);
        if (!own) {
            return storage_failure(context, own.error());
        }
        const std::string id = std::to_string(account.id.value());
        nlohmann::json choices = nlohmann::json::array();
        for (const catalog::Site& site : *sites) {
            choices.push_back({{"value", std::to_string(site.id.value())},
                               {"label", site.name},
                               {"checked", std::find(own->begin(), own->end(), site.id) != own->end()}});
        }
        rows.push_back({{"id", id},
                        {"name", person_name(account.contact.first_name, account.contact.last_name)},
                        {"email", account.email},
                        {"action", context.url("attendance.staff_sites", {{"account", id}})},
                        {"sites", choices}});
    }
    context.ensure_csrf();
    return page(
        200, context, "attendance/staff_sites", "attendance_staff_title",
        {{"accounts", rows}, {"has_accounts", !rows.empty()}, {"accounts_page", context.url("staff.accounts")}});
}

Response StaffSitesPages::save(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    const auto account = parse_id(context.params.get("account"));
    if (!zone || !account) {
        return error_page(404, context);
    }
    std::vector<core::SiteId> sites;
    for (const std::string& value : context.form.get_all("site")) {
        const auto id = parse_id(value);
        if (!id) {
            return error_page(400, context);
        }
        sites.push_back(core::SiteId{*id});
    }
    auto saved = m_attendance.set_staff_sites({context.commune_id(), *zone}, context.signed_in->account.id,
                                              core::AccountId{*account}, sites, context.origin().ip);
    if (!saved) {
        return storage_failure(context, saved.error());
    }
    return redirect_with_flash(context, context.url("attendance.staff"), "msg_attendance_staff_saved");
}

}  // namespace guichet::web
