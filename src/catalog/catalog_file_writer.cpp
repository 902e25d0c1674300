#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "catalog/catalog_file.h"

namespace guichet::catalog {
namespace {

using Json = nlohmann::ordered_json;

std::string price(core::Money money) {
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(money.cents() / 100),
                  static_cast<long long>(money.cents() % 100));
    return text;
}

Json town_date(const TownDate& date) {
    if (!date.to_be_confirmed)
        return date.date.to_iso();
    return Json{{"date", date.date.to_iso()}, {"to_be_confirmed", true}};
}

Json weekdays(const Weekdays& days) {
    Json list = Json::array();
    for (const auto day : days.days())
        list.push_back(weekday_code(day));
    return list;
}

Json deadline(const Deadline& value) {
    return Json{{"days", value.days},
                {"time", value.time.to_iso()},
                {"counting", value.counting == DayCounting::calendar ? "calendar" : "working"}};
}

Json rules(const ActivityRules& value) {
    Json booking{{"on_time", deadline(value.booking.on_time)}, {"cutoff", deadline(value.booking.cutoff)}};
    if (const auto* percent = std::get_if<PercentSurcharge>(&value.booking.late_surcharge)) {
        booking["late_surcharge"] = Json{{"percent", percent->percent}};
    } else {
        booking["late_surcharge"] = Json{{"flat", price(std::get<FlatSurcharge>(value.booking.late_surcharge).amount)}};
    }
    if (value.booking.rentree_window) {
        booking["rentree_window"] =
            Json{{"month", value.booking.rentree_window->month}, {"day", value.booking.rentree_window->day}};
    }
    Json cancellation{{"free_until", deadline(value.cancellation.free_until)},
                      {"late_cancellation_billed", value.cancellation.late_cancellation_billed}};
    return Json{{"booking", std::move(booking)}, {"cancellation", std::move(cancellation)}};
}

template <class T, class Key>
std::vector<const T*> sorted(const std::vector<T>& entries, Key&& key) {
    std::vector<const T*> result;
    for (const auto& entry : entries)
        result.push_back(&entry);
    std::stable_sort(result.begin(), result.end(), [&](const T* a, const T* b) { return key(*a) < key(*b); });
    return result;
}

class Writer {
  public:
    explicit Writer(const Catalog& catalog) : m_catalog(catalog) {}

    [[nodiscard]] std::string site_code(core::SiteId id) const {
        const Site* site = m_catalog.site(id);
        return site != nullptr ? site->code : std::string();
    }
    [[nodiscard]] std::string activity_code(core::ActivityId id) const {
        const Activity* activity = m_catalog.activity(id);
        return activity != nullptr ? activity->code : std::string();
    }

    template <class Places>
    [[nodiscard]] Json places(const std::vector<Places>& sites) const {
        Json list = Json::array();
        for (const auto* entry : sorted(sites, [&](const Places& p) { return site_code(p.site); }))
            list.push_back(Json{{"site", site_code(entry->site)}, {"capacity", entry->capacity}});
        return list;
    }

    [[nodiscard]] Json site(const Site& value) const {
        return Json{
            {"code", value.code},
            {"name", value.name},
            {"kind", site_kind_name(value.kind)},
            {"address",
             {{"street", value.address.street}, {"postcode", value.address.postcode}, {"town", value.address.town}}}};
    }

    [[nodiscard]] Json activity(const Activity& value) const {
        Json json{{"code", value.code},
                  {"name", value.name},
                  {"description", value.description},
                  {"kind", activity_kind_name(value.kind)},
                  {"sites", places(value.sites)}};
        const auto& who = value.eligibility;
        if (!who.class_levels.empty() || who.min_age || who.max_age) {
            Json eligibility = Json::object();
            if (!who.class_levels.empty()) {
                eligibility["class_levels"] = Json::array();
                for (const auto level : who.class_levels)
                    eligibility["class_levels"].push_back(family::class_name(level));
            }
            if (who.min_age)
                eligibility["min_age"] = *who.min_age;
            if (who.max_age)
                eligibility["max_age"] = *who.max_age;
            json["eligibility"] = std::move(eligibility);
        }
        if (value.kind == ActivityKind::school_time)
            json["weekdays"] = weekdays(value.weekdays);
        json["tariff_category"] = value.tariff_category;
        json["unit_price"] = price(value.unit_price);
        json["needs_validation"] = value.needs_validation;
        json["rules"] = rules(value.rules);
        return json;
    }

    [[nodiscard]] Json school_year(const SchoolYear& value) const {
        Json holidays = Json::array();
        for (const auto* holiday :
             sorted(value.holidays, [](const SchoolHoliday& h) { return h.first_day_off.date; })) {
            holidays.push_back(Json{{"name", holiday->name},
                                    {"first_day_off", town_date(holiday->first_day_off)},
                                    {"resume_day", town_date(holiday->resume_day)}});
        }
        Json days = Json::array();
        for (const auto* day :
             sorted(value.days_without_school, [](const DayWithoutSchool& d) { return d.day.date; })) {
            days.push_back(Json{{"date", town_date(day->day)}, {"reason", day->reason}});
        }
        return Json{{"label", value.label},
                    {"rentree", town_date(value.rentree)},
                    {"last_day", town_date(value.last_day)},
                    {"holidays", std::move(holidays)},
                    {"days_without_school", std::move(days)}};
    }

    [[nodiscard]] Json session(const HolidaySession& value) const {
        Json json{{"code", value.code},
                  {"name", value.name},
                  {"activity", activity_code(value.activity)},
                  {"first_day", value.first_day.to_iso()},
                  {"last_day", value.last_day.to_iso()},
                  {"sites", places(value.sites)}};
        if (value.weekdays != Weekdays::monday_to_friday())
            json["weekdays"] = weekdays(value.weekdays);
        return json;
    }

    [[nodiscard]] Json closure(const Closure& value) const {
        Json json{{"date", value.day.to_iso()}};
        if (value.activity)
            json["activity"] = activity_code(*value.activity);
        if (value.site)
            json["site"] = site_code(*value.site);
        json["reason"] = value.reason;
        return json;
    }

    [[nodiscard]] Json document() const {
        Json json{{"format", "guichet-catalog"}, {"version", 1}};
        const auto& c = m_catalog;
        // Only the settings the commune changed: a file without any keeps every default.
        if (!c.settings.explicit_values().empty()) {
            json["settings"] = Json::object();
            for (const auto& [name, value] : c.settings.explicit_values())
                json["settings"][name] = value;
        }
        json["sites"] = Json::array();
        for (const auto* entry : sorted(c.sites, [](const Site& s) { return s.code; }))
            json["sites"].push_back(site(*entry));
        json["activities"] = Json::array();
        for (const auto* entry : sorted(c.activities, [](const Activity& a) { return a.code; }))
            json["activities"].push_back(activity(*entry));
        json["school_years"] = Json::array();
        for (const auto* entry : sorted(c.school_years, [](const SchoolYear& y) { return y.label; }))
            json["school_years"].push_back(school_year(*entry));
        json["sessions"] = Json::array();
        for (const auto* entry : sorted(c.sessions, [](const HolidaySession& s) { return s.code; }))
            json["sessions"].push_back(session(*entry));
        json["closures"] = Json::array();
        const auto closure_key = [&](const Closure& value) {
            return std::tuple(value.day, value.activity ? activity_code(*value.activity) : std::string(),
                              value.site ? site_code(*value.site) : std::string(), value.reason);
        };
        for (const auto* entry : sorted(c.closures, closure_key))
            json["closures"].push_back(closure(*entry));
        return json;
    }

  private:
    const Catalog& m_catalog;
};

}  // namespace

std::string write_rules(const ActivityRules& value) {
    return rules(value).dump();
}

std::string write_catalog_file(const Catalog& catalog) {
    return Writer(catalog).document().dump(2) + "\n";
}

}  // namespace guichet::catalog
