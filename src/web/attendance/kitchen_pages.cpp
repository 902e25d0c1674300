// The kitchen's meal counts (page and CSV).
#include "web/attendance/kitchen_pages.h"

#include <array>
#include <map>

#include "core/csv_writer.h"
#include "core/weekday.h"

namespace guichet::web {
namespace {

constexpr family::DietaryOption kOptions[] = {family::DietaryOption::standard, family::DietaryOption::no_pork,
                                              family::DietaryOption::no_meat, family::DietaryOption::packed_meal};

// The counts of one day at one site, by option, in kOptions' order.
using SiteCounts = std::map<long long, std::array<int, std::size(kOptions)>>;

std::size_t option_index(family::DietaryOption diet) {
    for (std::size_t i = 0; i < std::size(kOptions); ++i) {
        if (kOptions[i] == diet)
            return i;
    }
    return 0;
}

}  // namespace

void KitchenPages::add_routes(Installation& site) {
    site.routes.add(commune_route(Method::get, "/{commune}/agents/cuisine", "attendance.kitchen", Policy::agent(),
                                  [this](RequestContext& c) { return kitchen_page(c); }));
    site.routes.add(commune_route(Method::get, "/{commune}/agents/cuisine/repas.csv", "attendance.kitchen_csv",
                                  Policy::agent(), [this](RequestContext& c) { return kitchen_csv(c); }));
    site.navigation.add(MenuEntry{39, "attendance.kitchen", "nav_kitchen", Audience::staff});
}

Response KitchenPages::kitchen_page(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const booking::Scope scope{context.commune_id(), *zone};
    auto counts = m_attendance.kitchen(scope, kWorkingDays);
    if (!counts) {
        return storage_failure(context, counts.error());
    }
    auto sites = m_attendance.sites_for(scope, {context.signed_in->account.id, context.signed_in->account.role, ""});
    if (!sites) {
        return storage_failure(context, sites.error());
    }
    std::map<long long, std::string> site_names;
    for (const catalog::Site& site : *sites)
        site_names.emplace(site.id.value(), site.name);
    std::map<core::CivilDate, SiteCounts> by_day;
    for (const booking::MealCount& count : counts->counts) {
        by_day[count.day][count.site.value()][option_index(count.diet)] += count.meals;
    }
    nlohmann::json headings = nlohmann::json::array();
    for (family::DietaryOption option : kOptions) {
        headings.push_back(m_catalogue.text(context.language, "diet_" + std::string(family::diet_name(option))));
    }
    nlohmann::json days = nlohmann::json::array();
    for (const core::CivilDate& day : counts->days) {
        nlohmann::json rows = nlohmann::json::array();
        int total = 0;
        for (const auto& [site, meals] : by_day[day]) {
            nlohmann::json cells = nlohmann::json::array();
            int site_total = 0;
            for (int meals_of_option : meals) {
                cells.push_back(meals_of_option);
                site_total += meals_of_option;
            }
            total += site_total;
            rows.push_back({{"site", site_names[site]}, {"cells", cells}, {"total", site_total}});
        }
        const std::string weekday =
            m_catalogue.text(context.language, "weekday_" + std::string(core::weekday_name_fr(day.weekday())));
        days.push_back({{"label", weekday + " " + day.format_fr()},
                        {"id", day.to_iso()},
                        {"rows", rows},
                        {"has_rows", !rows.empty()},
                        {"total", total}});
    }
    return page(200, context, "attendance/kitchen", "attendance_kitchen_title",
                {{"headings", headings}, {"days", days}, {"csv", context.url("attendance.kitchen_csv")}});
}

Response KitchenPages::kitchen_csv(RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return error_page(404, context);
    }
    const booking::Scope scope{context.commune_id(), *zone};
    auto counts = m_attendance.kitchen(scope, kWorkingDays);
    if (!counts) {
        return storage_failure(context, counts.error());
    }
    auto sites = m_attendance.sites_for(scope, {context.signed_in->account.id, context.signed_in->account.role, ""});
    if (!sites) {
        return storage_failure(context, sites.error());
    }
    std::map<long long, std::string> site_names;
    for (const catalog::Site& site : *sites)
        site_names.emplace(site.id.value(), site.name);
    const Language lang = context.language;
    core::CsvWriter csv;
    csv.row({m_catalogue.text(lang, "csv_kitchen_date"), m_catalogue.text(lang, "csv_kitchen_site"),
             m_catalogue.text(lang, "csv_kitchen_diet"), m_catalogue.text(lang, "csv_kitchen_meals")});
    for (const booking::MealCount& count : counts->counts) {
        csv.row({count.day.format_fr(), site_names[count.site.value()],
                 m_catalogue.text(lang, "diet_" + std::string(family::diet_name(count.diet))),
                 std::to_string(count.meals)});
    }
    Response response{200, {}, csv.take()};
    response.headers.set("Content-Type", "text/csv; charset=utf-8");
    response.headers.set("Content-Disposition", "attachment; filename=\"repas-" + context.commune_slug() + ".csv\"");
    return response;
}

}  // namespace guichet::web
