// The back office of the town's staff: agents, mails sent, account closures.
#include "web/identity/staff_pages.h"

#include <nlohmann/json.hpp>

#include <regex>

#include "core/text.h"
#include "web/http/url.h"
#include "web/view/form_view.h"
#include "web/view/people.h"

namespace guichet::web {
namespace {

// The roles an admin chooses from: agent and admin, and for a new account also site staff (whose role stays).
enum class RoleChoice { change, creation };

nlohmann::json role_options(identity::Role selected, Language language, const Catalogue& catalogue,
                            RoleChoice choice = RoleChoice::change) {
    nlohmann::json options = nlohmann::json::array();
    std::vector<identity::Role> roles = {identity::Role::agent, identity::Role::admin};
    if (choice == RoleChoice::creation) {
        roles.push_back(identity::Role::site_staff);
    }
    for (auto role : roles) {
        const std::string name(identity::role_name(role));
        options.push_back(
            {{"value", name}, {"label", catalogue.text(language, "role_" + name)}, {"selected", role == selected}});
    }
    return options;
}

// Outside the no-mail-server mode, administrators see mails without the secrets of their links: a reset link read
// in the back office would let its reader take the account.
std::string without_secrets(const std::string& text) {
    static const std::regex kSecret(R"(jeton=[A-Za-z0-9_-]+)");
    static const std::regex kChildcareKey(R"(\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b)");
    return std::regex_replace(std::regex_replace(text, kSecret, "jeton=…"), kChildcareKey, "••••-••••-••••");
}

std::vector<std::string> links_in(const std::string& text) {
    static const std::regex kUrl(R"(https?://[^\s<>"]+)");
    std::vector<std::string> links;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kUrl); it != std::sregex_iterator(); ++it) {
        links.push_back(it->str());
    }
    return links;
}

}  // namespace

void StaffPages::add_routes(Installation& site) {
    m_navigation = &site.navigation;
    site.navigation.links().staff_home = "staff.home";
    const auto add = [&site](Method method, const char* path, const char* name, Policy policy, Handler handler) {
        site.routes.add(commune_route(method, path, name, std::move(policy), std::move(handler)));
    };
    add(Method::get, "/{commune}/agents/", "staff.home", Policy::agent(),
        [this](RequestContext& c) { return agents_home(c); });
    add(Method::get, "/{commune}/agents", "staff.canonical", Policy::agent(),
        [](RequestContext& c) { return Response::redirect(301, c.url("staff.home")); });
    add(Method::get, "/{commune}/agents/comptes", "staff.accounts", Policy::agent(),
        [this](RequestContext& c) { return agents_accounts(c, nlohmann::json(), 200); });
    add(Method::post, "/{commune}/agents/comptes", "staff.accounts.create", Policy::admin(),
        [this](RequestContext& c) { return agents_create(c); });
    add(Method::post, "/{commune}/agents/comptes/{id}/role", "staff.accounts.role", Policy::admin(),
        [this](RequestContext& c) { return agents_change_role(c); });
    add(Method::get, "/{commune}/agents/courriels", "staff.mails", Policy::admin(),
        [this](RequestContext& c) { return agents_mails(c); });
    add(Method::get, "/{commune}/agents/courriels/{id}", "staff.mail", Policy::admin(),
        [this](RequestContext& c) { return agents_mail(c); });
    add(Method::get, "/{commune}/agents/fermetures", "staff.closures", Policy::admin(),
        [this](RequestContext& c) { return agents_closures(c); });
    add(Method::post, "/{commune}/agents/fermetures/{id}", "staff.closures.confirm", Policy::admin(),
        [this](RequestContext& c) { return agents_close(c); });

    site.navigation.add(MenuEntry{30, "staff.home", "nav_agents_home", Audience::staff});
    site.navigation.add(MenuEntry{50, "staff.accounts", "nav_agents_accounts", Audience::staff});
    site.navigation.add(MenuEntry{60, "staff.mails", "nav_agents_mails", Audience::admin});
    site.navigation.add(MenuEntry{70, "staff.closures", "nav_agents_closures", Audience::admin});
    site.navigation.add(
        OfficeLink{50, "staff.accounts", "agents_link_accounts", "agents_link_accounts_desc", Audience::staff});
    site.navigation.add(OfficeLink{60, "staff.mails", "agents_link_mails", "agents_link_mails_desc", Audience::admin});
    site.navigation.add(
        OfficeLink{70, "staff.closures", "agents_link_closures", "agents_link_closures_desc", Audience::admin});
}

Response StaffPages::agents_home(RequestContext& context) {
    const identity::Account& account = context.signed_in->account;
    nlohmann::json links = nlohmann::json::array();
    for (const OfficeLink& link : m_navigation->office_links()) {
        if (!in_audience(link.audience, true, account.role == identity::Role::admin)) {
            continue;
        }
        links.push_back({{"href", context.url(link.route)},
                         {"label", m_catalogue.text(context.language, link.label_key)},
                         {"description", m_catalogue.text(context.language, link.description_key)}});
    }
    return page(200, context, "identity/agents_home", "agents_home_title", {{"links", links}});
}

Response StaffPages::agents_accounts(RequestContext& context, nlohmann::json form, int status) {
    auto staff = m_identity.staff.list(context.commune_id());
    if (!staff) {
        return storage_failure(context, staff.error());
    }
    const bool admin = context.signed_in->account.role == identity::Role::admin;
    nlohmann::json agents = nlohmann::json::array();
    for (const auto& member : *staff) {
        nlohmann::json row = {
            {"name", person_name(member.contact.first_name, member.contact.last_name)},
            {"email", member.email},
            {"role_label", m_catalogue.text(context.language, "role_" + std::string(identity::role_name(member.role)))},
            {"status_label",
             m_catalogue.text(context.language,
                              member.password_hash.empty() ? "account_status_pending" : "account_status_active")}};
        if (admin && member.id == context.signed_in->account.id) {
            row["self"] = true;
        } else if (admin && identity::is_staff(member.role)) {
            row["role_form"] = {
                {"action", context.url("staff.accounts.role", {{"id", std::to_string(member.id.value())}})},
                {"id", member.id.value()},
                {"options", role_options(member.role, context.language, m_catalogue)}};
        }
        agents.push_back(std::move(row));
    }
    nlohmann::json data = {{"agents", agents}};
    if (context.signed_in->account.role == identity::Role::admin) {
        if (form.is_null()) {
            form =
                form_view(context.url("staff.accounts"), nlohmann::json::object(), {}, context.language, m_catalogue);
            form["role_options"] =
                role_options(identity::Role::agent, context.language, m_catalogue, RoleChoice::creation);
        }
        data["form"] = std::move(form);
    }
    return page(status, context, "identity/agents_accounts", "agents_accounts_title", std::move(data));
}

Response StaffPages::agents_create(RequestContext& context) {
    identity::NewStaffMember member;
    member.email = context.form.get("email");
    member.first_name = context.form.get("first_name");
    member.last_name = context.form.get("last_name");
    const auto role = identity::role_from_name(context.form.get("role"));
    member.role = role.value_or(identity::Role::parent);  // a parent role is refused by the service
    identity::FieldErrors errors;
    auto created = m_identity.staff.create(context.commune_id(), member, context.signed_in->account.id, errors,
                                           context.origin(), context.mail());
    if (!created) {
        return storage_failure(context, created.error());
    }
    if (errors.empty()) {
        return redirect_with_flash(context, context.url("staff.accounts"), "msg_agent_created");
    }
    nlohmann::json form =
        form_view(context.url("staff.accounts"),
                  {{"email", member.email}, {"first_name", member.first_name}, {"last_name", member.last_name}}, errors,
                  context.language, m_catalogue);
    form["role_options"] =
        role_options(role.value_or(identity::Role::agent), context.language, m_catalogue, RoleChoice::creation);
    return agents_accounts(context, std::move(form), 422);
}

Response StaffPages::agents_change_role(RequestContext& context) {
    const std::string id_text(context.params.get("id"));
    const auto role = identity::role_from_name(context.form.get("role"));
    if (id_text.empty() || id_text.size() > 18 || id_text.find_first_not_of("0123456789") != std::string::npos) {
        return error_page(404, context);
    }
    auto changed = m_identity.staff.change_role(context.commune_id(), core::AccountId{std::stoll(id_text)},
                                                role.value_or(identity::Role::parent), context.signed_in->account.id,
                                                context.origin());
    if (!changed) {
        switch (changed.error().code) {
            case core::ErrorCode::not_found:
                return error_page(404, context);
            case core::ErrorCode::forbidden:
            case core::ErrorCode::invalid_input:
                return error_page(400, context);
            default:
                return storage_failure(context, changed.error());
        }
    }
    return redirect_with_flash(context, context.url("staff.accounts"), "msg_role_changed");
}

Response StaffPages::agents_mails(RequestContext& context) {
    auto recent = m_outbox.recent(context.commune_id(), 200);
    if (!recent) {
        return storage_failure(context, recent.error());
    }
    nlohmann::json mails = nlohmann::json::array();
    for (const auto& message : *recent) {
        auto rendered = m_mails.render(message);
        nlohmann::json row = {
            {"href", context.url("staff.mail", {{"id", std::to_string(message.id.value())}})},
            {"created", context.local_text(message.created_at)},
            {"to", message.request.to},
            {"subject", rendered ? rendered->subject : message.request.template_name},
            {"status_label",
             m_catalogue.text(context.language, "mail_status_" + std::string(notify::outbox_status_name(
                                                                     message.status == notify::OutboxStatus::sending
                                                                         ? notify::OutboxStatus::pending
                                                                         : message.status)))},
            {"failed", message.status == notify::OutboxStatus::failed},
            {"attempts", message.attempts},
        };
        if (!message.last_error.empty()) {
            row["last_error"] = message.last_error;
        }
        mails.push_back(std::move(row));
    }
    return page(200, context, "identity/agents_mails", "agents_mails_title",
                {{"mails", mails}, {"smtp_configured", m_mail_delivery}});
}

Response StaffPages::agents_mail(RequestContext& context) {
    const std::string id_text(context.params.get("id"));
    if (id_text.empty() || id_text.size() > 18 || id_text.find_first_not_of("0123456789") != std::string::npos) {
        return error_page(404, context);
    }
    auto found = m_outbox.find(context.commune_id(), core::OutboxMessageId{std::stoll(id_text)});
    if (!found) {
        return storage_failure(context, found.error());
    }
    if (!*found) {
        return error_page(404, context);
    }
    auto rendered = m_mails.render(**found);
    if (!rendered) {
        return storage_failure(context, rendered.error());
    }
    const bool held = (*found)->status == notify::OutboxStatus::held;
    const std::string text = held ? rendered->text : without_secrets(rendered->text);
    nlohmann::json links = nlohmann::json::array();
    for (const auto& link : links_in(text)) {
        if (held || link.find("jeton=") == std::string::npos) {
            links.push_back(link);
        }
    }
    nlohmann::json mail = {
        {"to", rendered->to},
        {"from", rendered->from},
        {"subject", rendered->subject},
        {"created", context.local_text((*found)->created_at)},
        {"status_label", m_catalogue.text(context.language,
                                          "mail_status_" + std::string(notify::outbox_status_name((*found)->status)))},
        {"text", text},
        {"links", links},
    };
    if (!rendered->reply_to.empty()) {
        mail["reply_to"] = rendered->reply_to;
    }
    return page(200, context, "identity/agents_mail", "agents_mail_title",
                {{"mail", mail}, {"back_url", context.url("staff.mails")}});
}

Response StaffPages::agents_closures(RequestContext& context) {
    auto requests = m_identity.staff.closure_requests(context.commune_id());
    if (!requests) {
        return storage_failure(context, requests.error());
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& account : *requests) {
        rows.push_back(
            {{"name",
              display_name(std::string(identity::civility_name(account.contact.civility)), account.contact.first_name,
                           account.contact.last_name, context.language, m_catalogue)},
             {"email", account.email},
             {"requested",
              account.closure_requested_at ? context.local_text(*account.closure_requested_at) : std::string()},
             {"action", context.url("staff.closures.confirm", {{"id", std::to_string(account.id.value())}})}});
    }
    return page(200, context, "identity/agents_closures", "agents_closures_title", {{"requests", rows}});
}

Response StaffPages::agents_close(RequestContext& context) {
    const std::string id_text(context.params.get("id"));
    if (id_text.empty() || id_text.size() > 18 || id_text.find_first_not_of("0123456789") != std::string::npos) {
        return error_page(404, context);
    }
    auto closed = m_identity.staff.confirm_closure(context.commune_id(), core::AccountId{std::stoll(id_text)},
                                                   context.signed_in->account.id, context.origin(), context.mail());
    if (!closed) {
        if (closed.error().code == core::ErrorCode::not_found) {
            return error_page(404, context);
        }
        return storage_failure(context, closed.error());
    }
    return redirect_with_flash(context, context.url("staff.closures"), "msg_account_closed");
}

}  // namespace guichet::web
