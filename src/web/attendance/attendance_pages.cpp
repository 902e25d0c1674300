// The roll (pointage) pages: choosing the site, the day and the activity, the roll with its taps, its printable
// list, its CSV, and the service worker script.
#include "web/attendance/attendance_pages.h"

#include <algorithm>

#include "core/csv_writer.h"
#include "core/text.h"
#include "identity/secret_token.h"
#include "web/http/url.h"
#include "web/view/embedded_files.h"

namespace guichet::web {
namespace {

constexpr std::string_view kWorkerScript = "js/attendance-sw.js";
constexpr std::string_view kPageScript = "js/attendance.js";

// A new mark id for one form of the page: a tap on it sent twice (a double click, a resent form) is stored once.
std::string new_mark_id() {
    std::string token = identity::generate_secret_token();
    std::replace(token.begin(), token.end(), '_', '-');
    return token;
}

bool wants_json_answer(const RequestContext& context) {
    return context.request.headers.find("Accept").value_or("").find("application/json") != std::string_view::npos;
}

std::string iso_or_empty(std::string_view text) {
    auto day = core::CivilDate::parse_iso(text);
    return day ? day->to_iso() : std::string();
}

}  // namespace

AttendancePages::AttendancePages(const Kit& kit, booking::AttendanceService& attendance)
    : FeaturePages(kit), m_attendance(attendance), m_scripts(embedded_files()) {}

void AttendancePages::add_routes(Installation& site) {
    const auto add = [&site](Method method, const char* path, const char* name, Policy policy, Handler handler) {
        site.routes.add(commune_route(method, path, name, std::move(policy), std::move(handler)));
    };
    add(Method::get, "/{commune}/agents/pointage", "attendance.home", Policy::roll_takers(),
        [this](RequestContext& c) { return home(c); });
    add(Method::get, "/{commune}/agents/pointage/sw.js", "attendance.worker", Policy::anyone(),
        [this](RequestContext& c) { return worker(c); });
    add(Method::get, "/{commune}/agents/pointage/{site}", "attendance.site", Policy::roll_takers(),
        [this](RequestContext& c) { return site_page(c); });
    add(Method::get, "/{commune}/agents/pointage/{site}/appel", "attendance.open", Policy::roll_takers(),
        [this](RequestContext& c) { return open_roll(c); });
    add(Method::get, "/{commune}/agents/pointage/{site}/{activity}/{day}", "attendance.roll", Policy::roll_takers(),
        [this](RequestContext& c) { return roll_page(c, "attendance/roll"); });
    add(Method::get, "/{commune}/agents/pointage/{site}/{activity}/{day}/impression", "attendance.print",
        Policy::roll_takers(), [this](RequestContext& c) { return roll_page(c, "attendance/roll_print"); });
    add(Method::get, "/{commune}/agents/pointage/{site}/{activity}/{day}/liste.csv", "attendance.csv",
        Policy::roll_takers(), [this](RequestContext& c) { return roll_csv(c); });
    add(Method::post, "/{commune}/agents/pointage/{site}/{activity}/{day}/marques", "attendance.mark",
        Policy::roll_takers(), [this](RequestContext& c) { return mark(c); });
    site.navigation.add(MenuEntry{38, "attendance.home", "nav_attendance", Audience::roll_takers});
    site.navigation.links().site_staff_home = "attendance.home";
}

std::optional<booking::Scope> AttendancePages::scope_of(const RequestContext& context) const {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return std::nullopt;
    }
    return booking::Scope{context.commune_id(), *zone};
}

booking::RollTaker AttendancePages::taker_of(const RequestContext& context) {
    return {context.signed_in->account.id, context.signed_in->account.role, context.origin().ip};
}

std::optional<AttendancePages::RollPath> AttendancePages::roll_path(const RequestContext& context) {
    const auto site = parse_id(context.params.get("site"));
    const auto activity = parse_id(context.params.get("activity"));
    auto day = core::CivilDate::parse_iso(context.params.get("day"));
    if (!site || !activity || !day) {
        return std::nullopt;
    }
    return RollPath{core::SiteId{*site}, core::ActivityId{*activity}, *day};
}

Response AttendancePages::home(RequestContext& context) {
    const auto scope = scope_of(context);
    if (!scope) {
        return error_page(404, context);
    }
    auto sites = m_attendance.sites_for(*scope, taker_of(context));
    if (!sites) {
        return storage_failure(context, sites.error());
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const catalog::Site& site : *sites) {
        rows.push_back({{"name", site.name},
                        {"href", context.url("attendance.site", {{"site", std::to_string(site.id.value())}})}});
    }
    nlohmann::json data = {{"sites", rows}, {"has_sites", !rows.empty()}};
    if (identity::is_staff(context.signed_in->account.role)) {
        data["kitchen"] = context.url("attendance.kitchen");
    }
    if (context.signed_in->account.role == identity::Role::admin) {
        data["staff"] = context.url("attendance.staff");
    }
    return page(200, context, "attendance/home", "attendance_home_title", std::move(data));
}

Response AttendancePages::site_page(RequestContext& context) {
    const auto scope = scope_of(context);
    const auto site_id = parse_id(context.params.get("site"));
    if (!scope || !site_id) {
        return error_page(404, context);
    }
    auto activities = m_attendance.activities_at(*scope, taker_of(context), core::SiteId{*site_id});
    if (!activities) {
        return storage_failure(context, activities.error());
    }
    auto sites = m_attendance.sites_for(*scope, taker_of(context));
    if (!sites) {
        return storage_failure(context, sites.error());
    }
    const auto site =
        std::find_if(sites->begin(), sites->end(), [&](const catalog::Site& s) { return s.id.value() == *site_id; });
    if (site == sites->end()) {
        return error_page(404, context);
    }
    const std::string error = std::string(query_value(context.request.query, "erreur").value_or(""));
    nlohmann::json options = nlohmann::json::array();
    for (const catalog::Activity& activity : *activities) {
        options.push_back({{"value", std::to_string(activity.id.value())}, {"label", activity.name}});
    }
    nlohmann::json data = {{"site", site->name},
                           {"action", context.url("attendance.open", {{"site", std::to_string(*site_id)}})},
                           {"activities", options},
                           {"has_activities", !options.empty()},
                           {"today", m_attendance.today(*scope).to_iso()},
                           {"back", context.url("attendance.home")}};
    if (error == "jour") {
        data["error"] = m_catalogue.text(context.language, "err_attendance_day");
    }
    return page(200, context, "attendance/site", "attendance_site_title", std::move(data));
}

Response AttendancePages::open_roll(RequestContext& context) {
    const auto site = parse_id(context.params.get("site"));
    if (!site) {
        return error_page(404, context);
    }
    const std::string site_text = std::to_string(*site);
    const auto activity = parse_id(query_value(context.request.query, "activite").value_or(""));
    const std::string day = iso_or_empty(query_value(context.request.query, "jour").value_or(""));
    if (!activity || day.empty()) {
        return Response::redirect(303, context.url("attendance.site", {{"site", site_text}}, {{"erreur", "jour"}}));
    }
    return Response::redirect(
        303,
        context.url("attendance.roll", {{"site", site_text}, {"activity", std::to_string(*activity)}, {"day", day}}));
}

nlohmann::json AttendancePages::line_view(RequestContext& context, const booking::RollLine& line,
                                          const std::string& action, bool candidate) const {
    const Language lang = context.language;
    const family::Child& child = line.child;
    const std::string id = std::to_string(child.id.value());
    std::string state = "none";
    if (line.mark) {
        state = std::string(booking::presence_name(line.mark->presence));
    }
    nlohmann::json authorised = nlohmann::json::array();
    for (const family::AuthorisedPerson& person : line.authorised) {
        // Mustache shows a section for "": empty values are left out.
        nlohmann::json who = {{"name", person.first_name + " " + person.last_name}};
        if (!person.relationship.empty()) {
            who["relationship"] = person.relationship;
        }
        if (!person.phone.empty()) {
            who["phone"] = person.phone;
        }
        authorised.push_back(std::move(who));
    }
    nlohmann::json view = {
        {"id", id},
        {"name", child.last_name + " " + child.first_name},
        {"class_label", m_catalogue.text(lang, "class_" + std::string(family::class_name(child.class_level)))},
        {"diet_label", m_catalogue.text(lang, "diet_" + std::string(family::diet_name(child.diet)))},
        {"special_diet", child.diet != family::DietaryOption::standard},
        {"pai", child.pai},
        {"authorised", authorised},
        {"has_authorised", !authorised.empty()},
        {"unbooked", line.basis == booking::MarkBasis::unbooked},
        {"state", state},
        {"state_label", m_catalogue.text(lang, "attendance_state_" + state)},
        {"present", state == "present"},
        {"absent", state == "absent"},
        {"action", action},
        {"mark_present", new_mark_id()},
        {"mark_absent", new_mark_id()},
        {"candidate", candidate},
    };
    if (line.mark) {
        view["marked_at"] = context.local_text(line.mark->marked_at);
    }
    return view;
}

Response AttendancePages::roll_page(RequestContext& context, std::string_view template_name, int status,
                                    const std::string& error_key) {
    const auto scope = scope_of(context);
    const auto path = roll_path(context);
    if (!scope || !path) {
        return error_page(404, context);
    }
    const std::string search(core::trim(query_value(context.request.query, "nom").value_or("")));
    auto roll =
        m_attendance.roll(*scope, taker_of(context), path->site, path->activity, path->day, search.substr(0, 60));
    if (!roll) {
        return storage_failure(context, roll.error());
    }
    const UrlParams here = {{"site", std::to_string(path->site.value())},
                            {"activity", std::to_string(path->activity.value())},
                            {"day", path->day.to_iso()}};
    const std::string action = context.url("attendance.mark", here);
    nlohmann::json lines = nlohmann::json::array();
    int present = 0, absent = 0;
    for (const booking::RollLine& line : roll->lines) {
        lines.push_back(line_view(context, line, action, false));
        if (line.mark) {
            (line.mark->presence == booking::Presence::present ? present : absent) += 1;
        }
    }
    nlohmann::json candidates = nlohmann::json::array();
    for (const booking::RollLine& line : roll->candidates) {
        candidates.push_back(line_view(context, line, action, true));
    }
    const bool future = path->day > m_attendance.today(*scope);
    context.ensure_csrf();
    nlohmann::json data = {
        {"site", roll->site.name},
        {"activity", roll->activity.name},
        {"day", path->day.format_fr()},
        {"day_iso", path->day.to_iso()},
        {"lines", lines},
        {"has_lines", !lines.empty()},
        {"count", lines.size()},
        {"present_count", present},
        {"absent_count", absent},
        {"search", search},
        {"searched", !search.empty()},
        {"candidates", candidates},
        {"has_candidates", !candidates.empty()},
        {"search_action", context.url("attendance.roll", here)},
        {"csv", context.url("attendance.csv", here)},
        {"print", context.url("attendance.print", here)},
        {"roll", context.url("attendance.roll", here)},
        {"back", context.url("attendance.site", {{"site", std::to_string(path->site.value())}})},
        {"future", future},
        {"worker", context.url("attendance.worker")},
        {"script", m_scripts.url_for(kPageScript)},
    };
    if (!error_key.empty()) {
        data["error"] = m_catalogue.text(context.language, error_key);
    }
    return page(status, context, template_name, "attendance_roll_title", std::move(data));
}

Response AttendancePages::roll_csv(RequestContext& context) {
    const auto scope = scope_of(context);
    const auto path = roll_path(context);
    if (!scope || !path) {
        return error_page(404, context);
    }
    auto roll = m_attendance.roll(*scope, taker_of(context), path->site, path->activity, path->day);
    if (!roll) {
        return storage_failure(context, roll.error());
    }
    const Language lang = context.language;
    core::CsvWriter csv;
    std::vector<std::string> header;
    for (const char* key :
         {"csv_attendance_date", "csv_attendance_site", "csv_attendance_activity", "csv_attendance_last_name",
          "csv_attendance_first_name", "csv_attendance_class", "csv_attendance_pai", "csv_attendance_diet",
          "csv_attendance_booked", "csv_attendance_state", "csv_attendance_marked_at", "csv_attendance_authorised"}) {
        header.push_back(m_catalogue.text(lang, key));
    }
    csv.row(header);
    const std::string yes = m_catalogue.text(lang, "csv_yes");
    const std::string no = m_catalogue.text(lang, "csv_no");
    for (const booking::RollLine& line : roll->lines) {
        const family::Child& child = line.child;
        const std::string state = line.mark ? std::string(booking::presence_name(line.mark->presence)) : "none";
        std::string authorised;
        for (const family::AuthorisedPerson& person : line.authorised) {
            authorised += (authorised.empty() ? "" : ", ") + person.first_name + " " + person.last_name +
                          (person.relationship.empty() ? "" : " (" + person.relationship + ")") +
                          (person.phone.empty() ? "" : " " + person.phone);
        }
        csv.row({path->day.format_fr(), roll->site.name, roll->activity.name, child.last_name, child.first_name,
                 m_catalogue.text(lang, "class_" + std::string(family::class_name(child.class_level))),
                 child.pai ? yes : no, m_catalogue.text(lang, "diet_" + std::string(family::diet_name(child.diet))),
                 line.basis == booking::MarkBasis::booked ? yes : no,
                 m_catalogue.text(lang, "attendance_state_" + state),
                 line.mark ? context.local_text(line.mark->marked_at) : std::string(), authorised});
    }
    Response response{200, {}, csv.take()};
    response.headers.set("Content-Type", "text/csv; charset=utf-8");
    response.headers.set("Content-Disposition", "attachment; filename=\"pointage-" + roll->site.code + "-" +
                                                    roll->activity.code + "-" + path->day.to_iso() + ".csv\"");
    return response;
}

Response AttendancePages::mark(RequestContext& context) {
    const bool json = wants_json_answer(context);
    const auto scope = scope_of(context);
    const auto path = roll_path(context);
    const auto child = parse_id(context.form.get("child"));
    if (!scope || !path || !child) {
        return json ? Pages::json_error(404, "not_found", m_catalogue.text(context.language, "error_not_found"))
                    : error_page(404, context);
    }
    const auto presence = booking::presence_from_name(context.form.get("presence"));
    booking::MarkRequest request{path->site,
                                 path->activity,
                                 path->day,
                                 core::ChildId{*child},
                                 presence.value_or(booking::Presence::present),
                                 context.form.get("mark")};
    core::Result<booking::MarkOutcome> outcome =
        presence ? m_attendance.mark(*scope, taker_of(context), request)
                 : core::Result<booking::MarkOutcome>(
                       core::fail(core::ErrorCode::invalid_input, "err_attendance_presence", "presence"));
    if (!outcome) {
        const core::Error& error = outcome.error();
        if (json) {
            const int status = error.code == core::ErrorCode::not_found       ? 404
                               : error.code == core::ErrorCode::invalid_input ? 422
                               : error.code == core::ErrorCode::forbidden     ? 403
                                                                              : 503;
            if (status == 503) {
                return storage_failure(context, error);
            }
            return Pages::json_error(status, core::error_code_name(error.code),
                                     m_catalogue.text(context.language, error.key));
        }
        if (error.code == core::ErrorCode::invalid_input) {
            return roll_page(context, "attendance/roll", 422, error.key);
        }
        return storage_failure(context, error);
    }
    const bool stored = *outcome == booking::MarkOutcome::stored;
    if (json) {
        return Response::json(200, nlohmann::json{{"outcome", stored ? "stored" : "already_stored"},
                                                  {"mark", request.mark_id},
                                                  {"child", std::to_string(*child)},
                                                  {"presence", booking::presence_name(request.presence)}}
                                       .dump());
    }
    const UrlParams here = {{"site", std::to_string(path->site.value())},
                            {"activity", std::to_string(path->activity.value())},
                            {"day", path->day.to_iso()}};
    return redirect_with_flash(context, context.url("attendance.roll", here) + "#enfant-" + std::to_string(*child),
                               stored ? "msg_attendance_marked" : "msg_attendance_already_marked");
}

Response AttendancePages::worker(RequestContext&) const {
    const StaticAsset* script = m_scripts.find_by_url(m_scripts.url_for(kWorkerScript));
    if (script == nullptr) {
        return Response::text(404, "Not found\n");
    }
    Response response{200, {}, std::string(script->bytes)};
    response.headers.set("Content-Type", "text/javascript; charset=utf-8");
    // The browser checks for a new worker at each visit; a stale copy would keep old pages.
    response.headers.set("Cache-Control", "no-cache");
    return response;
}

}  // namespace guichet::web
