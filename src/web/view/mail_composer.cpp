#include "web/view/mail_composer.h"

#include <nlohmann/json.hpp>

#include "core/time_zone.h"
#include "web/view/people.h"

namespace guichet::web {
namespace {

std::string variable(const notify::OutboxMessage& message, const std::string& name) {
    const auto it = message.request.variables.find(name);
    return it == message.request.variables.end() ? std::string() : it->second;
}

// "21/06/2019 à 12:06" in the commune's time zone, from a *_us variable.
std::string local_time(const std::string& micros, const std::string& zone) {
    if (micros.empty()) {
        return {};
    }
    const auto located = core::TimeZone::locate(zone);
    if (!located) {
        return {};
    }
    const core::Instant instant{std::chrono::microseconds(std::stoll(micros))};
    return located->to_local(instant).format_fr();
}

}  // namespace

core::Result<notify::RenderedMail> MailComposer::render(const notify::OutboxMessage& message) {
    const std::string& name = message.request.template_name;
    const MailKind* kind = m_kinds.find(name);
    if (kind == nullptr) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "error_internal")
                              .with_detail("unknown mail kind " + name));
    }
    GUICHET_TRY(commune, m_communes.find_by_id(message.request.commune));
    if (!commune) {
        return core::fail(
            core::make_error(core::ErrorCode::not_found, "error_not_found").with_detail("commune of the mail is gone"));
    }
    const Language language = language_from_code(message.request.language).value_or(Language::fr);
    const UrlParams here = {{"commune", commune->slug}};
    const SiteLinks& links = m_navigation.links();
    nlohmann::json data = {
        {"commune", m_pages.commune_view(CommuneEntry{*commune, {}})},
        {"name", display_name(variable(message, "civility"), variable(message, "first_name"),
                              variable(message, "last_name"), language, m_catalogue)},
        {"login_url", m_public_url + m_router.url_for(links.login, here)},
        {"forgot_url", m_public_url + m_router.url_for(links.forgot, here)},
        {"portal_url", m_public_url + m_router.url_for(links.landing, here)},
    };
    if (!kind->validity_key.empty()) {
        data["validity"] = m_catalogue.text(language, kind->validity_key);
    }
    if (!kind->link_route.empty()) {
        if (const std::string child = variable(message, "child_id"); !child.empty()) {
            // A link to a page of the child (a reminder's: his calendar, at the month it is about).
            UrlParams params = here;
            params.emplace_back("child", child);
            const std::string month = variable(message, "mois");
            data["link"] = m_public_url + m_router.url_for(kind->link_route, params,
                                                           month.empty() ? UrlParams{} : UrlParams{{"mois", month}});
        } else {
            data["link"] =
                m_public_url + m_router.url_for(kind->link_route, here, {{"jeton", variable(message, "token")}});
        }
    }
    if (const std::string email = variable(message, "new_email"); !email.empty()) {
        data["new_email"] = email;
    }
    if (const std::string key = variable(message, "key"); !key.empty()) {
        data["key"] = key;  // a clé enfance, mailed by an agent
        if (const std::string expires = variable(message, "key_expires_us"); !expires.empty()) {
            const std::string when = local_time(expires, commune->time_zone);
            data["validity_text"] = m_catalogue.text(language, "letter_valid_until") + " " + when.substr(0, 10);
        }
    }
    // Values a feature's mail shows as they are: an activity's name, a child's first name, an agent's reason.
    for (const char* plain : {"activity", "child", "reason"}) {
        if (const std::string value = variable(message, plain); !value.empty()) {
            data[plain] = value;
        }
    }
    if (const std::string iso = variable(message, "offer_day_iso"); !iso.empty()) {
        // A waiting-list offer: its day ("12/11") and until when it may be accepted ("10/11 à 18:00").
        if (const auto offered = core::CivilDate::parse_iso(iso)) {
            data["offer_day"] = offered->format_fr().substr(0, 5);
        }
        const std::string until = local_time(variable(message, "offer_until_us"), commune->time_zone);
        data["offer_until"] = until.size() > 10 ? until.substr(0, 5) + until.substr(10) : until;
    }
    // A reminder's deadline, "21/09 à 23:59"; its period, a session's name or a month; the days left.
    for (const char* plain : {"period", "days"}) {
        if (const std::string value = variable(message, plain); !value.empty()) {
            data[plain] = value;
        }
    }
    if (const std::string deadline = variable(message, "deadline_us"); !deadline.empty()) {
        const std::string when = local_time(deadline, commune->time_zone);  // "21/09/2026 à 23:59"
        data["deadline"] = when.size() > 10 ? when.substr(0, 5) + when.substr(10) : when;
        data["one_day"] = variable(message, "days") == "1";
    }
    if (const std::string month = variable(message, "month"); !month.empty()) {
        data["month_name"] = m_catalogue.text(language, "month_" + month) + " " + variable(message, "year");
    }
    if (const std::string decision = variable(message, "decision"); !decision.empty()) {
        data["decision_" + decision] = true;  // a section per outcome: {{#decision_accepted}}…
    }
    if (const std::string role = variable(message, "role"); !role.empty()) {
        data["role_label"] = m_catalogue.text(language, "role_" + role);
    }
    if (const std::string change = variable(message, "change"); !change.empty()) {
        data["change_label"] = m_catalogue.text(language, "change_label_" + change);
        data["when"] = local_time(variable(message, "when_us"), commune->time_zone);
    }
    notify::RenderedMail mail;
    mail.from = m_from;
    mail.reply_to = commune->contact.email;
    mail.to = message.request.to;
    mail.subject = m_catalogue.text(language, "mail_" + name + "_subject") + " – " + commune->name;
    const nlohmann::json& messages = m_catalogue.messages(language);
    try {
        const std::string base = kind->template_folder + "/mail/" + name;
        mail.text = m_templates.render(base + ".text", data, messages);
        mail.html = m_templates.render(base + ".html", data, messages);
    } catch (const std::out_of_range&) {
        return core::fail(
            core::make_error(core::ErrorCode::invalid_input, "error_internal").with_detail("no mail template " + name));
    }
    return mail;
}

}  // namespace guichet::web
