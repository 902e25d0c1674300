#include "web/catalog/catalog_pages.h"

#include <charconv>
#include <map>

#include "core/public_holidays.h"
#include "web/http/url.h"
#include "web/view/form_view.h"

namespace guichet::web {
namespace {

using catalog::ActivityKind;

// The service names its fields "day", "code"…; the page has two forms, whose fields carry their form's name.
identity::FieldErrors prefixed(const catalog::FieldErrors& errors, const std::string& prefix) {
    identity::FieldErrors result;
    for (const auto& error : errors)
        result.push_back({prefix + error.field, error.message_key});
    return result;
}

nlohmann::json values_of(const Form& form, std::initializer_list<const char*> fields) {
    nlohmann::json values = nlohmann::json::object();
    for (const char* field : fields)
        values[field] = form.get(field);
    return values;
}

}  // namespace

void CatalogPages::add_routes(Installation& site) {
    site.routes.add(commune_route(Method::get, "/{commune}/calendrier", "catalog.calendar", Policy::signed_in(),
                                  [this](RequestContext& c) { return calendar_page(c); }));
    const std::string base = "/{commune}/agents/catalogue";
    const auto add = [&site](Method method, const std::string& path, std::string name, Handler handler) {
        site.routes.add(commune_route(method, path, std::move(name), Policy::agent(), std::move(handler)));
    };
    add(Method::get, base, "office.catalog",
        [this](RequestContext& c) { return office_page(c, nlohmann::json::object(), 200); });
    add(Method::post, base + "/fermetures", "office.catalog.closures.add",
        [this](RequestContext& c) { return add_closure(c); });
    add(Method::post, base + "/fermetures/{closure}/retirer", "office.catalog.closures.remove",
        [this](RequestContext& c) { return remove_closure(c); });
    add(Method::post, base + "/sessions", "office.catalog.sessions.create",
        [this](RequestContext& c) { return create_session(c); });
    add(Method::post, base + "/reglages", "office.catalog.settings",
        [this](RequestContext& c) { return change_settings(c); });
    site.navigation.add(MenuEntry{42, "catalog.calendar", "nav_catalog_calendar", Audience::signed_in});
    site.navigation.add(MenuEntry{45, "office.catalog", "nav_agents_catalog", Audience::staff});
    site.navigation.add(DashboardTile{15, "catalog.calendar", "dashboard_catalog_calendar"});
    site.navigation.add(
        OfficeLink{45, "office.catalog", "agents_link_catalog", "agents_link_catalog_desc", Audience::staff});
}

nlohmann::json CatalogPages::date_view(const catalog::TownDate& date, Language language) const {
    const std::string weekday =
        m_catalogue.text(language, "catalog_weekday_" + std::string(catalog::weekday_code(date.date.weekday())));
    return {{"text", weekday + " " + date.date.format_fr()},
            {"iso", date.date.to_iso()},
            {"to_be_confirmed", date.to_be_confirmed}};
}

Response CatalogPages::calendar_page(RequestContext& context) {
    auto loaded = m_catalog.catalog(context.commune_id());
    if (!loaded)
        return storage_failure(context, loaded.error());
    const catalog::Catalog& catalog = *loaded;
    const Language language = context.language;
    const auto closure_view = [&](const catalog::Closure& closure) {
        const catalog::Activity* activity = closure.activity ? catalog.activity(*closure.activity) : nullptr;
        const catalog::Site* site = closure.site ? catalog.site(*closure.site) : nullptr;
        return nlohmann::json{
            {"date", date_view({closure.day, false}, language)},
            {"activity", activity != nullptr ? activity->name : m_catalogue.text(language, "catalog_all_activities")},
            {"site", site != nullptr ? site->name : m_catalogue.text(language, "catalog_all_sites")},
            {"reason", closure.reason}};
    };
    nlohmann::json years = nlohmann::json::array();
    bool any_to_confirm = false;
    std::vector<bool> placed(catalog.closures.size(), false);
    for (const auto& year : catalog.school_years) {
        nlohmann::json holidays = nlohmann::json::array();
        for (const auto& holiday : year.holidays) {
            holidays.push_back({{"name", holiday.name},
                                {"first_day_off", date_view(holiday.first_day_off, language)},
                                {"resume_day", date_view(holiday.resume_day, language)}});
        }
        nlohmann::json days = nlohmann::json::array();
        for (const auto& day : year.days_without_school)
            days.push_back({{"date", date_view(day.day, language)}, {"reason", day.reason}});
        nlohmann::json public_holidays = nlohmann::json::array();
        for (auto day = year.rentree.date; day <= year.last_day.date; day = day.add_days(1)) {
            if (const auto name = core::french_public_holiday(day))
                public_holidays.push_back({{"date", date_view({day, false}, language)}, {"name", std::string(*name)}});
        }
        nlohmann::json closures = nlohmann::json::array();
        for (std::size_t i = 0; i < catalog.closures.size(); ++i) {
            if (year.contains(catalog.closures[i].day)) {
                closures.push_back(closure_view(catalog.closures[i]));
                placed[i] = true;
            }
        }
        const bool to_confirm = year.has_dates_to_confirm();
        any_to_confirm = any_to_confirm || to_confirm;
        nlohmann::json view = {{"label", year.label},
                               {"id", "annee-" + year.label},
                               {"rentree", date_view(year.rentree, language)},
                               {"last_day", date_view(year.last_day, language)},
                               {"holidays", std::move(holidays)},
                               {"days_without_school", std::move(days)},
                               {"public_holidays", std::move(public_holidays)},
                               {"closures", std::move(closures)},
                               // Always set: a year without the key would read the page's own flag (Mustache looks
                               // a name up in the enclosing contexts).
                               {"to_be_confirmed", to_confirm}};
        years.push_back(std::move(view));
    }
    nlohmann::json other_closures = nlohmann::json::array();
    for (std::size_t i = 0; i < catalog.closures.size(); ++i) {
        if (!placed[i])
            other_closures.push_back(closure_view(catalog.closures[i]));
    }
    nlohmann::json data = {{"years", std::move(years)}, {"other_closures", std::move(other_closures)}};
    if (any_to_confirm)
        data["to_be_confirmed"] = true;
    return page(200, context, "catalog/calendar", "catalog_calendar_title", std::move(data));
}

// The settings form: one field "setting_<name>" per setting; empty goes back to the default.
Response CatalogPages::change_settings(RequestContext& context) {
    std::map<std::string, std::optional<int>> values;
    catalog::FieldErrors errors;
    for (const catalog::SettingSpec& spec : catalog::setting_specs()) {
        const std::string name(spec.name);
        const std::string field = "setting_" + name;
        if (!context.form.has(field))
            continue;
        const std::string text = context.form.get(field);
        if (text.empty()) {
            values.emplace(name, std::nullopt);
            continue;
        }
        int number = 0;
        const auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (fault != std::errc() || end != text.data() + text.size()) {
            errors.push_back({name, "err_setting_number"});
            continue;
        }
        if (number < spec.min || number > spec.max) {
            errors.push_back({name, "err_setting_range"});  // said here too, so that every field's fault shows at once
            continue;
        }
        // The default typed back is no setting at all: the file keeps only what the commune changed.
        values.emplace(name, number == spec.default_value ? std::nullopt : std::optional(number));
    }
    if (errors.empty()) {
        auto changed = m_catalog.change_settings(context.commune_id(), context.signed_in->account.id, values, errors);
        if (!changed && errors.empty())
            return storage_failure(context, changed.error());
    }
    if (!errors.empty()) {
        nlohmann::json typed = nlohmann::json::object();
        for (const catalog::SettingSpec& spec : catalog::setting_specs())
            typed["setting_" + std::string(spec.name)] = context.form.get("setting_" + std::string(spec.name));
        nlohmann::json forms = {{"settings", form_view(context.url("office.catalog.settings"), std::move(typed),
                                                       prefixed(errors, "setting_"), context.language, m_catalogue)}};
        forms["settings"]["failed"] = true;
        return office_page(context, std::move(forms), 422);
    }
    return redirect_with_flash(context, context.url("office.catalog"), "msg_catalog_settings_changed");
}

Response CatalogPages::add_closure(RequestContext& context) {
    const catalog::ClosureInput input{context.form.get("closure_day"), context.form.get("closure_activity"),
                                      context.form.get("closure_site"), context.form.get("closure_reason")};
    catalog::FieldErrors errors;
    auto added = m_catalog.add_closure(context.commune_id(), context.signed_in->account.id, input, errors);
    if (!added)
        return storage_failure(context, added.error());
    if (!errors.empty()) {
        nlohmann::json forms = {{"closure", form_view(context.url("office.catalog.closures.add"),
                                                      values_of(context.form, {"closure_day", "closure_activity",
                                                                               "closure_site", "closure_reason"}),
                                                      prefixed(errors, "closure_"), context.language, m_catalogue)}};
        forms["closure"]["failed"] = true;
        return office_page(context, std::move(forms), 422);
    }
    return redirect_with_flash(context, context.url("office.catalog"), "msg_catalog_closure_added");
}

Response CatalogPages::remove_closure(RequestContext& context) {
    const auto id = parse_id(context.params.get("closure"));
    if (!id)
        return error_page(404, context);
    auto removed = m_catalog.remove_closure(context.commune_id(), context.signed_in->account.id, core::ClosureId{*id});
    if (!removed) {
        return removed.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                  : storage_failure(context, removed.error());
    }
    return redirect_with_flash(context, context.url("office.catalog"), "msg_catalog_closure_removed");
}

Response CatalogPages::create_session(RequestContext& context) {
    catalog::SessionInput input;
    input.code = context.form.get("session_code");
    input.name = context.form.get("session_name");
    input.activity = context.form.get("session_activity");
    input.first_day = context.form.get("session_first_day");
    input.last_day = context.form.get("session_last_day");
    if (!context.form.get("session_site").empty() || !context.form.get("session_capacity").empty())
        input.sites.emplace_back(context.form.get("session_site"), context.form.get("session_capacity"));
    catalog::FieldErrors errors;
    auto saved =
        m_catalog.save_session(context.commune_id(), context.signed_in->account.id, std::nullopt, input, errors);
    if (!saved)
        return storage_failure(context, saved.error());
    if (!errors.empty()) {
        nlohmann::json forms = {
            {"session",
             form_view(context.url("office.catalog.sessions.create"),
                       values_of(context.form, {"session_code", "session_name", "session_activity", "session_first_day",
                                                "session_last_day", "session_site", "session_capacity"}),
                       prefixed(errors, "session_"), context.language, m_catalogue)}};
        forms["session"]["failed"] = true;
        return office_page(context, std::move(forms), 422);
    }
    return redirect_with_flash(context, context.url("office.catalog"), "msg_catalog_session_created");
}

}  // namespace guichet::web
