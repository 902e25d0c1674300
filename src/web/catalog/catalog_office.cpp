// The agents' catalogue page: what the commune offers, in tables, and the forms that change it.
#include <nlohmann/json.hpp>

#include "web/catalog/catalog_pages.h"
#include "web/view/form_view.h"

namespace guichet::web {
namespace {

using catalog::ActivityKind;

std::string places_text(const catalog::Catalog& catalog, const auto& places, const Catalogue& catalogue,
                        Language language) {
    std::string text;
    for (const auto& place : places) {
        const catalog::Site* site = catalog.site(place.site);
        if (!text.empty())
            text += " ; ";
        text += (site != nullptr ? site->name : std::string("?")) + " (" +
                catalogue.text(language, "catalog_places", {{"count", std::to_string(place.capacity)}}) + ")";
    }
    return text;
}

std::string weekdays_text(const catalog::Weekdays& days, const Catalogue& catalogue, Language language) {
    std::string text;
    for (const auto day : days.days()) {
        if (!text.empty())
            text += ", ";
        text += catalogue.text(language, "catalog_weekday_" + std::string(catalog::weekday_code(day)));
    }
    return text;
}

// The options of a select: an optional first entry (value ""), then one per entry, the chosen one marked.
template <class T, class Keep>
nlohmann::json options(const std::vector<T>& entries, const std::string& selected, Keep&& keep) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& entry : entries) {
        if (keep(entry))
            list.push_back({{"value", entry.code}, {"label", entry.name}, {"selected", entry.code == selected}});
    }
    return list;
}

}  // namespace

nlohmann::json CatalogPages::rules_in_words(const catalog::Activity& activity, Language language) const {
    const auto& rules = activity.rules;
    const bool holidays = activity.kind == ActivityKind::holiday_session;
    // "23:59 le 14e jour calendaire avant le jour réservé", "23:59 la veille du jour réservé".
    const auto deadline = [&](const catalog::Deadline& d, bool from_session) {
        const std::string reference =
            m_catalogue.text(language, from_session ? "catalog_rule_reference_session" : "catalog_rule_reference_day");
        std::string key = d.counting == catalog::DayCounting::calendar ? "catalog_rule_deadline_calendar"
                                                                       : "catalog_rule_deadline_working";
        if (d.days == 0)
            key = "catalog_rule_deadline_same_day";
        else if (d.days == 1 && d.counting == catalog::DayCounting::calendar)
            key = from_session ? "catalog_rule_deadline_eve_session" : "catalog_rule_deadline_eve_day";
        return m_catalogue.text(
            language, key, {{"days", std::to_string(d.days)}, {"reference", reference}, {"time", d.time.format_fr()}});
    };
    nlohmann::json sentences = nlohmann::json::array();
    sentences.push_back(
        m_catalogue.text(language, "catalog_rule_on_time", {{"deadline", deadline(rules.booking.on_time, holidays)}}));
    if (rules.booking.rentree_window) {
        const std::string day = (rules.booking.rentree_window->day < 10 ? "0" : "") +
                                std::to_string(rules.booking.rentree_window->day) + "/" +
                                (rules.booking.rentree_window->month < 10 ? "0" : "") +
                                std::to_string(rules.booking.rentree_window->month);
        sentences.push_back(m_catalogue.text(language, "catalog_rule_rentree", {{"day", day}}));
    }
    std::string surcharge;
    if (const auto* percent = std::get_if<catalog::PercentSurcharge>(&rules.booking.late_surcharge)) {
        surcharge = m_catalogue.text(language, "catalog_rule_percent", {{"percent", std::to_string(percent->percent)}});
    } else {
        surcharge = m_catalogue.text(
            language, "catalog_rule_flat",
            {{"amount", std::get<catalog::FlatSurcharge>(rules.booking.late_surcharge).amount.format_fr()}});
    }
    sentences.push_back(
        m_catalogue.text(language, "catalog_rule_late",
                         {{"surcharge", surcharge}, {"deadline", deadline(rules.booking.cutoff, false)}}));
    sentences.push_back(m_catalogue.text(language, "catalog_rule_cancel_free",
                                         {{"deadline", deadline(rules.cancellation.free_until, holidays)}}));
    sentences.push_back(m_catalogue.text(language, rules.cancellation.late_cancellation_billed
                                                       ? "catalog_rule_cancel_late_billed"
                                                       : "catalog_rule_cancel_late_free"));
    return sentences;
}

Response CatalogPages::office_page(RequestContext& context, nlohmann::json forms, int status) {
    context.ensure_csrf();
    auto loaded = m_catalog.catalog(context.commune_id());
    if (!loaded)
        return storage_failure(context, loaded.error());
    const catalog::Catalog& catalog = *loaded;
    const Language language = context.language;
    nlohmann::json sites = nlohmann::json::array();
    for (const auto& site : catalog.sites) {
        sites.push_back({{"code", site.code},
                         {"name", site.name},
                         {"kind", m_catalogue.text(language, "catalog_site_" + std::string(site_kind_name(site.kind)))},
                         {"address", site.address.street + ", " + site.address.postcode + " " + site.address.town}});
    }
    nlohmann::json activities = nlohmann::json::array();
    for (const auto& activity : catalog.activities) {
        const bool holidays = activity.kind == ActivityKind::holiday_session;
        activities.push_back(
            {{"code", activity.code},
             {"name", activity.name},
             {"kind", m_catalogue.text(language, "catalog_kind_" + std::string(activity_kind_name(activity.kind)))},
             {"sites", places_text(catalog, activity.sites, m_catalogue, language)},
             {"weekdays", holidays ? m_catalogue.text(language, "catalog_weekdays_sessions")
                                   : weekdays_text(activity.weekdays, m_catalogue, language)},
             {"price", activity.unit_price.format_fr()},
             {"rules", rules_in_words(activity, language)}});
    }
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& session : catalog.sessions) {
        const catalog::Activity* activity = catalog.activity(session.activity);
        sessions.push_back({{"code", session.code},
                            {"name", session.name},
                            {"activity", activity != nullptr ? activity->name : std::string()},
                            {"first_day", session.first_day.format_fr()},
                            {"last_day", session.last_day.format_fr()},
                            {"sites", places_text(catalog, session.sites, m_catalogue, language)},
                            {"weekdays", weekdays_text(session.weekdays, m_catalogue, language)}});
    }
    nlohmann::json closures = nlohmann::json::array();
    for (const auto& closure : catalog.closures) {
        const catalog::Activity* activity = closure.activity ? catalog.activity(*closure.activity) : nullptr;
        const catalog::Site* site = closure.site ? catalog.site(*closure.site) : nullptr;
        closures.push_back(
            {{"date", closure.day.format_fr()},
             {"activity", activity != nullptr ? activity->name : m_catalogue.text(language, "catalog_all_activities")},
             {"site", site != nullptr ? site->name : m_catalogue.text(language, "catalog_all_sites")},
             {"reason", closure.reason},
             {"remove_action",
              context.url("office.catalog.closures.remove", {{"closure", std::to_string(closure.id.value())}})}});
    }
    nlohmann::json closure_form = forms.contains("closure")
                                      ? forms["closure"]
                                      : form_view(context.url("office.catalog.closures.add"), nlohmann::json::object(),
                                                  {}, language, m_catalogue);
    nlohmann::json session_form = forms.contains("session")
                                      ? forms["session"]
                                      : form_view(context.url("office.catalog.sessions.create"),
                                                  nlohmann::json::object(), {}, language, m_catalogue);
    const auto value = [](const nlohmann::json& form, const char* field) {
        return form["values"].value(field, std::string());
    };
    closure_form["activity_options"] =
        options(catalog.activities, value(closure_form, "closure_activity"), [](const auto&) { return true; });
    closure_form["site_options"] =
        options(catalog.sites, value(closure_form, "closure_site"), [](const auto&) { return true; });
    session_form["activity_options"] =
        options(catalog.activities, value(session_form, "session_activity"),
                [](const catalog::Activity& a) { return a.kind == ActivityKind::holiday_session; });
    session_form["site_options"] =
        options(catalog.sites, value(session_form, "session_site"), [](const auto&) { return true; });
    // The settings: one field each, with its bounds and default in the hint; refilled with what was typed on error.
    nlohmann::json settings_form =
        forms.contains("settings")
            ? forms["settings"]
            : form_view(context.url("office.catalog.settings"), nlohmann::json::object(), {}, language, m_catalogue);
    nlohmann::json settings = nlohmann::json::array();
    for (const catalog::SettingSpec& spec : catalog::setting_specs()) {
        const std::string name(spec.name);
        const std::string field = "setting_" + name;
        const bool typed = settings_form["values"].contains(field);
        nlohmann::json item = {{"field", field},
                               {"label", m_catalogue.text(language, field)},
                               {"hint", m_catalogue.text(language, "setting_hint",
                                                         {{"min", std::to_string(spec.min)},
                                                          {"max", std::to_string(spec.max)},
                                                          {"default", std::to_string(spec.default_value)}})},
                               {"min", spec.min},
                               {"max", spec.max},
                               {"value", typed ? settings_form["values"][field].get<std::string>()
                                               : std::to_string(catalog.settings.get(name))}};
        if (settings_form["errors"].contains(field))
            item["error"] = settings_form["errors"][field];
        settings.push_back(std::move(item));
    }
    settings_form["items"] = std::move(settings);
    nlohmann::json data = {{"sites", std::move(sites)},
                           {"settings_form", std::move(settings_form)},
                           {"activities", std::move(activities)},
                           {"sessions", std::move(sessions)},
                           {"closures", std::move(closures)},
                           {"closure_form", std::move(closure_form)},
                           {"session_form", std::move(session_form)},
                           {"calendar_url", context.url("catalog.calendar")}};
    return page(status, context, "catalog/agents_catalog", "agents_catalog_title", std::move(data));
}

}  // namespace guichet::web
