#include <algorithm>
#include <set>

#include "catalog/allocation_file.h"
#include "catalog/catalog_file.h"
#include "catalog/catalog_file_fields.h"

namespace guichet::catalog {
namespace {

using file::at;
using file::error;
using file::Json;
using Reader = file::FieldReader;
// Reads each list of the file into the document, resolving codes against the entries read before.
class DocumentReader {
  public:
    CatalogDocument read(const Json& root) {
        const std::string path = "$";
        if (!m_in.object(
                root, path,
                {"format", "version", "settings", "sites", "activities", "school_years", "sessions", "closures"})) {
            return finish();
        }
        if (const auto format = m_in.text(root, path, "format"); format && *format != "guichet-catalog")
            m_in.fail("$.format", error("err_catalog_format"));
        if (const auto version = m_in.integer(root, path, "version", 1, 1); !version) {
            // The fault is already recorded; reading on still reports the rest of the file.
        }
        settings(root);
        read_list(root, "sites", true, [&](const Json& item, const std::string& here) { site(item, here); });
        read_list(root, "activities", true, [&](const Json& item, const std::string& here) { activity(item, here); });
        read_list(root, "school_years", true,
                  [&](const Json& item, const std::string& here) { school_year(item, here); });
        read_list(root, "sessions", false, [&](const Json& item, const std::string& here) { session(item, here); });
        read_list(root, "closures", false, [&](const Json& item, const std::string& here) { closure(item, here); });
        return finish();
    }

    // The rules alone, as write_rules writes them.
    std::optional<ActivityRules> rules_only(const Json& value, ActivityKind kind) {
        const Json holder = {{"rules", value}};
        auto result = rules(holder, "$", kind);
        return m_in.errors.empty() ? result : std::nullopt;
    }

  private:
    // "settings": {"offer_hours": 24, …}: every member a setting of setting_specs(), a whole number in its bounds.
    void settings(const Json& root) {
        const Json* settings = m_in.member(root, "$", "settings", false);
        if (settings == nullptr)
            return;
        const std::string path = "$.settings";
        if (!settings->is_object()) {
            m_in.fail(path, error("err_catalog_type").with("expected", "objet"));
            return;
        }
        for (const auto& [name, value] : settings->items()) {
            const SettingSpec* spec = setting_spec(name);
            if (spec == nullptr) {
                m_in.fail(path + "." + name, error("err_catalog_unknown_field"));
                continue;
            }
            if (const auto number = m_in.integer(*settings, path, spec->name.data(), spec->min, spec->max)) {
                (void)m_catalog.settings.set(name, *number);
            }
        }
    }

    template <class Read>
    void read_list(const Json& root, const char* name, bool required, Read&& read) {
        const Json* list = m_in.array(root, "$", name, required);
        if (list == nullptr)
            return;
        for (std::size_t i = 0; i < list->size(); ++i)
            read((*list)[i], at("$", name, i));
    }

    CatalogDocument finish() {
        CatalogDocument document;
        document.catalog = std::move(m_catalog);
        document.errors = std::move(m_in.errors);
        return document;
    }

    // Records a code as used in its list; false (and an error) when it already was.
    bool unique(std::set<std::string>& seen, const std::string& value, const std::string& path) {
        if (!seen.insert(value).second) {
            m_in.fail(path, error("err_catalog_duplicate").with("value", value));
            return false;
        }
        return true;
    }

    template <class Places>
    std::vector<Places> places(const Json& item, const std::string& path, bool& ok) {
        std::vector<Places> result;
        const Json* list = m_in.array(item, path, "sites");
        if (list == nullptr) {
            ok = false;
            return result;
        }
        if (list->empty()) {
            m_in.fail(path + ".sites", error("err_catalog_empty"));
            ok = false;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string here = at(path, "sites", i);
            const Json& entry = (*list)[i];
            if (!m_in.object(entry, here, {"site", "capacity"})) {
                ok = false;
                continue;
            }
            const auto code = m_in.code(entry, here, "site");
            const auto capacity = m_in.integer(entry, here, "capacity", 1, 10000);
            const Site* site = code ? m_catalog.site_by_code(*code) : nullptr;
            if (code && site == nullptr && !m_site_codes.contains(*code))
                m_in.fail(here + ".site", error("err_catalog_unknown_site").with("value", *code));
            if (site == nullptr || !capacity || !unique(seen, *code, here + ".site")) {
                ok = false;
                continue;
            }
            result.push_back({site->id, *capacity});
        }
        return result;
    }

    void site(const Json& item, const std::string& path) {
        if (!m_in.object(item, path, {"code", "name", "kind", "address"}))
            return;
        Site site;
        bool ok = true;
        const auto code = m_in.code(item, path, "code");
        ok = code && unique(m_site_codes, *code, path + ".code") && ok;
        const auto name = m_in.text(item, path, "name");
        const auto kind_name = m_in.text(item, path, "kind");
        const auto kind = kind_name ? site_kind_from_name(*kind_name) : std::nullopt;
        if (kind_name && !kind)
            m_in.fail(path + ".kind", error("err_catalog_enum").with("allowed", "school, centre"));
        ok = ok && name && kind;
        if (const Json* address = m_in.member(item, path, "address")) {
            const std::string here = path + ".address";
            if (m_in.object(*address, here, {"street", "postcode", "town"})) {
                const auto street = m_in.text(*address, here, "street");
                const auto postcode = m_in.text(*address, here, "postcode");
                const auto town = m_in.text(*address, here, "town");
                if (postcode && (postcode->size() != 5 || !std::all_of(postcode->begin(), postcode->end(),
                                                                       [](char c) { return c >= '0' && c <= '9'; }))) {
                    m_in.fail(here + ".postcode", error("err_catalog_postcode"));
                    ok = false;
                }
                ok = ok && street && postcode && town;
                if (ok)
                    site.address = {*street, *postcode, *town};
            } else {
                ok = false;
            }
        } else {
            ok = false;
        }
        if (!ok)
            return;
        site.id = core::SiteId{static_cast<std::int64_t>(m_catalog.sites.size() + 1)};
        site.code = *code;
        site.name = *name;
        site.kind = *kind;
        m_catalog.sites.push_back(std::move(site));
    }

    std::optional<Eligibility> eligibility(const Json& item, const std::string& path) {
        Eligibility result;
        const Json* value = m_in.member(item, path, "eligibility", false);
        if (value == nullptr)
            return result;
        const std::string here = path + ".eligibility";
        if (!m_in.object(*value, here, {"class_levels", "min_age", "max_age"}))
            return std::nullopt;
        bool ok = true;
        if (const Json* levels = m_in.array(*value, here, "class_levels", false)) {
            for (std::size_t i = 0; i < levels->size(); ++i) {
                const Json& level = (*levels)[i];
                const auto parsed =
                    level.is_string() ? family::class_from_name(level.get<std::string>()) : std::nullopt;
                if (!parsed || *parsed == family::ClassLevel::none) {
                    m_in.fail(at(here, "class_levels", i),
                              error("err_catalog_enum").with("allowed", "ps, ms, gs, cp, ce1, ce2, cm1, cm2"));
                    ok = false;
                } else {
                    result.class_levels.insert(*parsed);
                }
            }
        } else if (value->contains("class_levels") && !(*value)["class_levels"].is_null()) {
            ok = false;
        }
        result.min_age = m_in.integer(*value, here, "min_age", 0, 25, false);
        result.max_age = m_in.integer(*value, here, "max_age", 0, 25, false);
        ok = ok && (result.min_age.has_value() || !value->contains("min_age")) &&
             (result.max_age.has_value() || !value->contains("max_age"));
        if (result.min_age && result.max_age && *result.min_age > *result.max_age) {
            m_in.fail(here + ".max_age", error("err_catalog_age_order"));
            ok = false;
        }
        return ok ? std::optional(result) : std::nullopt;
    }

    std::optional<Deadline> deadline(const Json& item, const std::string& path, const char* name) {
        const Json* value = m_in.member(item, path, name);
        if (value == nullptr)
            return std::nullopt;
        const std::string here = path + "." + name;
        if (!m_in.object(*value, here, {"days", "time", "counting"}))
            return std::nullopt;
        const auto days = m_in.integer(*value, here, "days", 0, 365);
        const auto time_text = m_in.text(*value, here, "time");
        std::optional<core::LocalTime> time;
        if (time_text) {
            auto parsed = core::LocalTime::parse_iso(*time_text);
            if (!parsed || time_text->size() != 8) {
                m_in.fail(here + ".time", error("err_catalog_time").with("value", *time_text));
                return std::nullopt;
            }
            time = *parsed;
        }
        const auto counting = m_in.text(*value, here, "counting");
        if (counting && *counting != "calendar" && *counting != "working") {
            m_in.fail(here + ".counting", error("err_catalog_enum").with("allowed", "calendar, working"));
            return std::nullopt;
        }
        if (!days || !time_text || !counting)
            return std::nullopt;
        return Deadline{*days, *time, *counting == "calendar" ? DayCounting::calendar : DayCounting::working};
    }

    std::optional<Surcharge> surcharge(const Json& item, const std::string& path) {
        const Json* value = m_in.member(item, path, "late_surcharge");
        if (value == nullptr)
            return std::nullopt;
        const std::string here = path + ".late_surcharge";
        if (!m_in.object(*value, here, {"percent", "flat"}))
            return std::nullopt;
        if (value->contains("percent") == value->contains("flat")) {
            m_in.fail(here, error("err_catalog_surcharge"));
            return std::nullopt;
        }
        if (value->contains("percent")) {
            const auto percent = m_in.integer(*value, here, "percent", 0, 1000);
            return percent ? std::optional<Surcharge>(PercentSurcharge{*percent}) : std::nullopt;
        }
        const auto amount = m_in.price(*value, here, "flat");
        return amount ? std::optional<Surcharge>(FlatSurcharge{*amount}) : std::nullopt;
    }

    std::optional<ActivityRules> rules(const Json& item, const std::string& path, ActivityKind kind) {
        const Json* value = m_in.member(item, path, "rules");
        if (value == nullptr)
            return std::nullopt;
        const std::string here = path + ".rules";
        if (!m_in.object(*value, here, {"booking", "cancellation"}))
            return std::nullopt;
        ActivityRules result;
        bool ok = true;
        if (const Json* booking = m_in.member(*value, here, "booking")) {
            const std::string b = here + ".booking";
            if (m_in.object(*booking, b, {"on_time", "cutoff", "late_surcharge", "rentree_window"})) {
                const auto on_time = deadline(*booking, b, "on_time");
                const auto cutoff = deadline(*booking, b, "cutoff");
                const auto late = surcharge(*booking, b);
                ok = on_time && cutoff && late && ok;
                if (on_time && cutoff && kind == ActivityKind::school_time && on_time->days < cutoff->days) {
                    m_in.fail(b + ".cutoff.days", error("err_catalog_cutoff_order"));
                    ok = false;
                }
                if (ok) {
                    result.booking.on_time = *on_time;
                    result.booking.cutoff = *cutoff;
                    result.booking.late_surcharge = *late;
                }
                if (const Json* window = m_in.member(*booking, b, "rentree_window", false)) {
                    const std::string w = b + ".rentree_window";
                    if (kind == ActivityKind::holiday_session) {
                        m_in.fail(w, error("err_catalog_window_holiday"));
                        ok = false;
                    } else if (m_in.object(*window, w, {"month", "day"})) {
                        const auto month = m_in.integer(*window, w, "month", 1, 12);
                        const auto day = m_in.integer(*window, w, "day", 1, 31);
                        if (month && day && !core::CivilDate::from_ymd(2024, *month, *day)) {
                            m_in.fail(w + ".day", error("err_catalog_month_day"));
                            ok = false;
                        }
                        ok = ok && month && day;
                        if (ok)
                            result.booking.rentree_window =
                                BookingRule::MonthDay{static_cast<unsigned>(*month), static_cast<unsigned>(*day)};
                    } else {
                        ok = false;
                    }
                }
            } else {
                ok = false;
            }
        } else {
            ok = false;
        }
        if (const Json* cancellation = m_in.member(*value, here, "cancellation")) {
            const std::string c = here + ".cancellation";
            if (m_in.object(*cancellation, c, {"free_until", "late_cancellation_billed"})) {
                const auto free_until = deadline(*cancellation, c, "free_until");
                const auto billed = m_in.boolean(*cancellation, c, "late_cancellation_billed");
                ok = ok && free_until && billed;
                if (ok)
                    result.cancellation = {*free_until, *billed};
            } else {
                ok = false;
            }
        } else {
            ok = false;
        }
        return ok ? std::optional(result) : std::nullopt;
    }

    void activity(const Json& item, const std::string& path) {
        if (!m_in.object(item, path,
                         {"code", "name", "description", "kind", "sites", "eligibility", "weekdays", "tariff_category",
                          "unit_price", "needs_validation", "rules"})) {
            return;
        }
        Activity activity;
        bool ok = true;
        const auto code = m_in.code(item, path, "code");
        ok = code && unique(m_activity_codes, *code, path + ".code");
        const auto name = m_in.text(item, path, "name");
        const auto description = m_in.text(item, path, "description", true);
        const auto kind_name = m_in.text(item, path, "kind");
        const auto kind = kind_name ? activity_kind_from_name(*kind_name) : std::nullopt;
        if (kind_name && !kind)
            m_in.fail(path + ".kind", error("err_catalog_enum").with("allowed", "school_time, holiday_session"));
        activity.kind = kind.value_or(ActivityKind::school_time);
        activity.sites = places<ActivitySite>(item, path, ok);
        const auto who = eligibility(item, path);
        std::optional<Weekdays> days;
        if (kind == ActivityKind::school_time) {
            days = m_in.weekdays(item, path, "weekdays", true);
            ok = ok && days;
        } else if (kind && item.contains("weekdays")) {
            m_in.fail(path + ".weekdays", error("err_catalog_weekdays_holiday"));
            ok = false;
        }
        const auto tariff = m_in.code(item, path, "tariff_category");
        const auto unit_price = m_in.price(item, path, "unit_price");
        const auto validation = m_in.boolean(item, path, "needs_validation");
        const auto activity_rules = kind ? rules(item, path, *kind) : std::nullopt;
        if (!(ok && name && description && kind && who && tariff && unit_price && validation && activity_rules))
            return;
        activity.id = core::ActivityId{static_cast<std::int64_t>(m_catalog.activities.size() + 1)};
        activity.code = *code;
        activity.name = *name;
        activity.description = *description;
        activity.eligibility = *who;
        activity.weekdays = days.value_or(Weekdays{});
        activity.tariff_category = *tariff;
        activity.unit_price = *unit_price;
        activity.needs_validation = *validation;
        activity.rules = *activity_rules;
        m_catalog.activities.push_back(std::move(activity));
    }

    // Reports a date outside the year's rentrée … last day (the day after the last day for a resume day).
    bool inside(const SchoolYear& year, core::CivilDate day, const std::string& path, int slack = 0) {
        if (day < year.rentree.date || day > year.last_day.date.add_days(slack)) {
            m_in.fail(path, error("err_catalog_outside_year")
                                .with("first", year.rentree.date.format_fr())
                                .with("last", year.last_day.date.format_fr()));
            return false;
        }
        return true;
    }

    void school_year(const Json& item, const std::string& path) {
        if (!m_in.object(item, path, {"label", "rentree", "last_day", "holidays", "days_without_school"}))
            return;
        SchoolYear year;
        const auto label = m_in.text(item, path, "label");
        bool ok = label.has_value();
        if (label && !is_school_year_label(*label)) {
            m_in.fail(path + ".label", error("err_catalog_label").with("value", *label));
            ok = false;
        }
        ok = ok && unique(m_year_labels, *label, path + ".label");
        const auto rentree = m_in.town_date(item, path, "rentree");
        const auto last_day = m_in.town_date(item, path, "last_day");
        if (rentree && last_day && last_day->date <= rentree->date) {
            m_in.fail(path + ".last_day", error("err_catalog_date_order").with("other", rentree->date.format_fr()));
            ok = false;
        }
        ok = ok && rentree && last_day;
        if (ok) {
            year.rentree = *rentree;
            year.last_day = *last_day;
        }
        if (const Json* list = m_in.array(item, path, "holidays")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string here = at(path, "holidays", i);
                const Json& entry = (*list)[i];
                if (!m_in.object(entry, here, {"name", "first_day_off", "resume_day"})) {
                    ok = false;
                    continue;
                }
                const auto name = m_in.text(entry, here, "name");
                const auto first = m_in.town_date(entry, here, "first_day_off");
                const auto resume = m_in.town_date(entry, here, "resume_day");
                bool good = name && first && resume;
                if (first && resume && resume->date <= first->date) {
                    m_in.fail(here + ".resume_day",
                              error("err_catalog_date_order").with("other", first->date.format_fr()));
                    good = false;
                }
                if (good && ok)
                    good = inside(year, first->date, here + ".first_day_off") &&
                           inside(year, resume->date, here + ".resume_day", 1);
                ok = ok && good;
                if (good)
                    year.holidays.push_back({*name, *first, *resume});
            }
        } else {
            ok = false;
        }
        if (const Json* list = m_in.array(item, path, "days_without_school")) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string here = at(path, "days_without_school", i);
                const Json& entry = (*list)[i];
                if (!m_in.object(entry, here, {"date", "reason"})) {
                    ok = false;
                    continue;
                }
                const auto day = m_in.town_date(entry, here, "date");
                const auto reason = m_in.text(entry, here, "reason");
                bool good = day && reason;
                if (good && ok)
                    good = inside(year, day->date, here + ".date");
                ok = ok && good;
                if (good)
                    year.days_without_school.push_back({*day, *reason});
            }
        } else {
            ok = false;
        }
        if (!ok)
            return;
        year.id = core::SchoolYearId{static_cast<std::int64_t>(m_catalog.school_years.size() + 1)};
        year.label = *label;
        m_catalog.school_years.push_back(std::move(year));
    }

    void session(const Json& item, const std::string& path) {
        if (!m_in.object(item, path,
                         {"code", "name", "activity", "first_day", "last_day", "sites", "weekdays", "allocation"}))
            return;
        HolidaySession session;
        const auto code = m_in.code(item, path, "code");
        bool ok = code && unique(m_session_codes, *code, path + ".code");
        const auto name = m_in.text(item, path, "name");
        const auto activity_code = m_in.code(item, path, "activity");
        const Activity* activity = activity_code ? m_catalog.activity_by_code(*activity_code) : nullptr;
        if (activity_code && activity == nullptr && !m_activity_codes.contains(*activity_code)) {
            m_in.fail(path + ".activity", error("err_catalog_unknown_activity").with("value", *activity_code));
        } else if (activity != nullptr && activity->kind != ActivityKind::holiday_session) {
            m_in.fail(path + ".activity", error("err_catalog_not_holiday_activity").with("value", *activity_code));
            activity = nullptr;
        }
        const auto first = m_in.date(item, path, "first_day");
        const auto last = m_in.date(item, path, "last_day");
        if (first && last && *last < *first) {
            m_in.fail(path + ".last_day", error("err_catalog_date_order").with("other", first->format_fr()));
            ok = false;
        }
        session.sites = places<SessionSite>(item, path, ok);
        std::optional<Weekdays> days = Weekdays::monday_to_friday();
        if (item.contains("weekdays"))
            days = m_in.weekdays(item, path, "weekdays", true);
        const auto allocation = file::read_allocation(m_in, item, path);
        if (!(ok && name && activity && first && last && days && allocation))
            return;
        session.allocation = *allocation;
        session.id = core::HolidaySessionId{static_cast<std::int64_t>(m_catalog.sessions.size() + 1)};
        session.code = *code;
        session.name = *name;
        session.activity = activity->id;
        session.first_day = *first;
        session.last_day = *last;
        session.weekdays = *days;
        m_catalog.sessions.push_back(std::move(session));
    }

    void closure(const Json& item, const std::string& path) {
        if (!m_in.object(item, path, {"date", "activity", "site", "reason"}))
            return;
        Closure closure;
        const auto day = m_in.date(item, path, "date");
        const auto reason = m_in.text(item, path, "reason");
        bool ok = day && reason;
        if (item.contains("activity")) {
            const auto code = m_in.code(item, path, "activity");
            const Activity* activity = code ? m_catalog.activity_by_code(*code) : nullptr;
            if (code && activity == nullptr && !m_activity_codes.contains(*code))
                m_in.fail(path + ".activity", error("err_catalog_unknown_activity").with("value", *code));
            ok = ok && activity != nullptr;
            if (activity != nullptr)
                closure.activity = activity->id;
        }
        if (item.contains("site")) {
            const auto code = m_in.code(item, path, "site");
            const Site* site = code ? m_catalog.site_by_code(*code) : nullptr;
            if (code && site == nullptr && !m_site_codes.contains(*code))
                m_in.fail(path + ".site", error("err_catalog_unknown_site").with("value", *code));
            ok = ok && site != nullptr;
            if (site != nullptr)
                closure.site = site->id;
        }
        if (!ok)
            return;
        const auto key = std::tuple(day->to_iso(), closure.activity ? closure.activity->value() : 0,
                                    closure.site ? closure.site->value() : 0);
        if (!m_closure_keys.insert(key).second) {
            m_in.fail(path, error("err_catalog_duplicate_closure").with("value", day->format_fr()));
            return;
        }
        closure.id = core::ClosureId{static_cast<std::int64_t>(m_catalog.closures.size() + 1)};
        closure.day = *day;
        closure.reason = *reason;
        m_catalog.closures.push_back(std::move(closure));
    }

    Reader m_in;
    Catalog m_catalog;
    std::set<std::string> m_site_codes, m_activity_codes, m_year_labels, m_session_codes;
    std::set<std::tuple<std::string, std::int64_t, std::int64_t>> m_closure_keys;
};

}  // namespace

CatalogDocument read_catalog_file(std::string_view text) {
    const Json root = Json::parse(text, nullptr, false);
    if (root.is_discarded()) {
        CatalogDocument document;
        document.errors.push_back({"$", error("err_catalog_json")});
        return document;
    }
    return DocumentReader().read(root);
}

std::optional<ActivityRules> read_rules(std::string_view text, ActivityKind kind) {
    const Json value = Json::parse(text, nullptr, false);
    if (value.is_discarded())
        return std::nullopt;
    return DocumentReader().rules_only(value, kind);
}

}  // namespace guichet::catalog
