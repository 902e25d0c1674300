// A parent's bookings: enrolments, the month calendar of a child, the summary of a batch of days and its
// confirmation, cancellations.
#include "web/booking/booking_pages.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "core/weekday.h"
#include "web/http/url.h"
#include "web/view/form_view.h"

namespace guichet::web {
namespace {

constexpr const char* kWeekdayFields[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};

// "2026-12" → the 1st of that month; nothing for anything else.
std::optional<core::CivilDate> month_of(const std::string& text) {
    if (text.size() != 7) {
        return std::nullopt;
    }
    auto first = core::CivilDate::parse_iso(text + "-01");
    return first ? std::optional(*first) : std::nullopt;
}

std::string month_key(core::CivilDate first) {
    return first.to_iso().substr(0, 7);
}

core::CivilDate next_month(core::CivilDate first) {
    return first.add_days(32).add_days(1 - static_cast<int>(first.add_days(32).day()));
}

core::CivilDate previous_month(core::CivilDate first) {
    const core::CivilDate last_of_previous = first.add_days(-1);
    return last_of_previous.add_days(1 - static_cast<int>(last_of_previous.day()));
}

}  // namespace

void BookingPages::add_routes(Installation& site) {
    const auto add = [&site](Method method, const char* path, const char* name, Handler handler) {
        site.routes.add(commune_route(method, path, name, Policy::parent(), std::move(handler)));
    };
    add(Method::get, "/{commune}/ma-famille/enfants/{child}/reservations", "booking.calendar",
        [this](RequestContext& c) { return calendar(c); });
    add(Method::post, "/{commune}/ma-famille/enfants/{child}/reservations/recapitulatif", "booking.summary",
        [this](RequestContext& c) { return summary(c); });
    add(Method::post, "/{commune}/ma-famille/enfants/{child}/reservations/confirmer", "booking.confirm",
        [this](RequestContext& c) { return confirm(c); });
    add(Method::get, "/{commune}/ma-famille/enfants/{child}/inscriptions", "booking.enrolments",
        [this](RequestContext& c) { return enrolments(c, nlohmann::json::object(), 200); });
    add(Method::post, "/{commune}/ma-famille/enfants/{child}/inscriptions", "booking.enrol",
        [this](RequestContext& c) { return enrol(c); });
}

std::optional<booking::Scope> BookingPages::scope_of(const RequestContext& context) const {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return std::nullopt;
    }
    return booking::Scope{context.commune_id(), *zone};
}

booking::Actor BookingPages::actor_of(const RequestContext& context) {
    return {context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt, context.origin().ip};
}

Response BookingPages::calendar(RequestContext& context) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    if (!child || !scope) {
        return error_page(404, context);
    }
    const core::CivilDate today = context.today();
    core::CivilDate first = today.add_days(1 - static_cast<int>(today.day()));
    if (const auto asked = query_value(context.request.query, "mois")) {
        const auto month = month_of(*asked);
        if (!month) {
            return error_page(404, context);
        }
        first = *month;
    }
    auto month = m_booking.month(*scope, actor_of(context), core::ChildId{*child}, first);
    if (!month) {
        return month.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                : storage_failure(context, month.error());
    }
    const UrlParams here = {{"child", std::to_string(*child)}};
    nlohmann::json activities = nlohmann::json::array();
    for (const booking::ActivityMonth& entry : month->activities) {
        nlohmann::json weeks = nlohmann::json::array();
        nlohmann::json week = nlohmann::json::array();
        // The grid starts on the Monday of the month's first week; days outside the month or the enrolment are
        // blank cells.
        const int lead = static_cast<int>(month->first_day.weekday());
        for (int i = 0; i < lead; ++i) {
            week.push_back({{"blank", true}});
        }
        for (core::CivilDate day = month->first_day; day.month() == month->first_day.month(); day = day.add_days(1)) {
            const auto shown = std::find_if(entry.days.begin(), entry.days.end(),
                                            [&](const booking::CalendarDay& d) { return d.day == day; });
            nlohmann::json cell = {{"number", day.day()},
                                   {"iso", day.to_iso()},
                                   {"date", day.format_fr()},
                                   {"weekday", std::string(core::weekday_name_fr(day.weekday()))}};
            if (shown != entry.days.end()) {
                const booking::Decision decision = shown->explanation.decision;
                cell["state"] = std::string(booking::decision_name(decision));
                cell["reason"] = m_catalogue.text(context.language, shown->explanation.reason.key,
                                                  shown->explanation.reason.variables);
                if (shown->booking) {
                    cell["booked"] = true;
                    cell["state_label"] = m_catalogue.text(context.language, "booking_state_booked");
                    cell["cancellable"] =
                        shown->explanation.judgement.cancellation != booking::CancellationDecision::closed;
                } else {
                    cell["state_label"] = m_catalogue.text(
                        context.language, "booking_state_" + std::string(booking::decision_name(decision)));
                    if (decision == booking::Decision::on_time || decision == booking::Decision::late) {
                        cell["bookable"] = true;
                        cell["price"] = shown->price.format_fr();
                    }
                }
            } else {
                cell["outside"] = true;
            }
            week.push_back(std::move(cell));
            if (week.size() == 7) {
                weeks.push_back({{"days", std::move(week)}});
                week = nlohmann::json::array();
            }
        }
        if (!week.empty()) {
            while (week.size() < 7) {
                week.push_back({{"blank", true}});
            }
            weeks.push_back({{"days", std::move(week)}});
        }
        nlohmann::json weekdays = nlohmann::json::array();
        for (std::size_t i = 0; i < 7; ++i) {
            const bool opens = entry.activity.weekdays.contains(static_cast<core::Weekday>(i));
            weekdays.push_back(
                {{"field", kWeekdayFields[i]},
                 {"label", m_catalogue.text(context.language, std::string("weekday_") + kWeekdayFields[i])},
                 {"opens", opens}});
        }
        activities.push_back({{"id", entry.activity.id.value()},
                              {"code", entry.activity.code},
                              {"name", entry.activity.name},
                              {"price", entry.activity.unit_price.format_fr()},
                              {"school_time", entry.activity.kind == catalog::ActivityKind::school_time},
                              {"weeks", std::move(weeks)},
                              {"weekdays", std::move(weekdays)}});
    }
    nlohmann::json data = {
        {"month_label", m_catalogue.text(context.language, "month_" + std::to_string(month->first_day.month())) + " " +
                            std::to_string(month->first_day.year())},
        {"previous_url",
         context.url("booking.calendar", here, {{"mois", month_key(previous_month(month->first_day))}})},
        {"next_url", context.url("booking.calendar", here, {{"mois", month_key(next_month(month->first_day))}})},
        {"summary_url", context.url("booking.summary", here)},
        {"enrolments_url", context.url("booking.enrolments", here)},
        {"child_url", context.url("family.child", here)},
        {"today", today.to_iso()},
        {"activities", std::move(activities)}};
    context.ensure_csrf();
    return page(200, context, "booking/calendar", "booking_calendar_title", std::move(data));
}

core::Result<booking::DaySelection> BookingPages::selection_of(RequestContext& context, const booking::Scope& scope,
                                                               identity::FieldErrors& errors) {
    const auto activity = parse_id(context.form.get("activite"));
    if (!activity) {
        return core::fail(core::ErrorCode::not_found, "err_activity_unknown");
    }
    booking::DaySelection selection{core::ActivityId{*activity}, {}};
    const std::string mode = context.form.get("mode");
    if (mode.empty() || mode == "jours") {
        const bool cancel = context.form.get("action") == "annuler";
        for (const std::string& text : context.form.get_all(cancel ? "annuler_jour" : "jour")) {
            const auto day = core::CivilDate::parse_iso(text);
            if (!day) {
                errors.push_back({"jour", "err_booking_day"});
                return selection;
            }
            selection.days.push_back(*day);
        }
        if (selection.days.empty()) {
            errors.push_back({"jour", "err_booking_no_day"});
        }
        return selection;
    }
    booking::PatternRequest pattern;
    pattern.activity = selection.activity;
    for (std::size_t i = 0; i < 7; ++i) {
        // The whole year: every weekday, of which the days the activity runs are kept.
        if (mode == "annee" || context.form.has(std::string("jour_") + kWeekdayFields[i])) {
            pattern.pattern.weekdays.push_back(static_cast<core::Weekday>(i));
        }
    }
    pattern.pattern.recurrence = context.form.get("rythme") == "une_sur_deux" ? booking::Recurrence::every_other_week
                                                                              : booking::Recurrence::every_week;
    pattern.end = context.form.get("jusqu_au") == "vacances" ? booking::PatternEnd::next_holidays
                                                             : booking::PatternEnd::end_of_school_year;
    pattern.from = context.today();
    if (const std::string from = context.form.get("du"); !from.empty() && mode != "annee") {
        const auto day = core::CivilDate::parse_iso(from);
        if (!day) {
            errors.push_back({"du", "err_booking_day"});
            return selection;
        }
        pattern.from = *day;
    }
    if (pattern.pattern.weekdays.empty()) {
        errors.push_back({"jours_semaine", "err_booking_no_weekday"});
        return selection;
    }
    auto days = m_booking.pattern_days(scope, actor_of(context), core::ChildId{*parse_id(context.params.get("child"))},
                                       pattern);
    if (!days) {
        if (days.error().code == core::ErrorCode::invalid_input) {
            errors.push_back({days.error().field, days.error().key});
            return selection;
        }
        return tl::unexpected(days.error());
    }
    if (days->days.empty()) {
        errors.push_back({"jours_semaine", "err_booking_no_day"});
    }
    return *days;
}

Response BookingPages::summary(RequestContext& context) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    if (!child || !scope) {
        return error_page(404, context);
    }
    identity::FieldErrors errors;
    auto selection = selection_of(context, *scope, errors);
    if (!selection) {
        return selection.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                    : storage_failure(context, selection.error());
    }
    if (!errors.empty()) {
        return redirect_with_flash(context, context.url("booking.calendar", {{"child", std::to_string(*child)}}),
                                   errors.front().message_key);
    }
    return summary_page(context, core::ChildId{*child}, context.form.get("action") == "annuler", *selection, 200, {});
}

Response BookingPages::summary_page(RequestContext& context, core::ChildId child, bool cancel,
                                    const booking::DaySelection& selection, int status, std::string_view notice_key) {
    const booking::Scope scope = *scope_of(context);
    const UrlParams here = {{"child", std::to_string(child.value())}};
    nlohmann::json days = nlohmann::json::array();
    for (core::CivilDate day : selection.days) {
        days.push_back(day.to_iso());
    }
    nlohmann::json data = {{"cancel", cancel},
                           {"activity_id", selection.activity.value()},
                           {"days", days},
                           {"confirm_url", context.url("booking.confirm", here)},
                           {"calendar_url", context.url("booking.calendar", here)}};
    if (!notice_key.empty()) {
        data["notice"] = m_catalogue.text(context.language, notice_key);
    }
    if (cancel) {
        auto plan = m_booking.plan_cancellation(scope, actor_of(context), child, selection);
        if (!plan) {
            return plan.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                   : storage_failure(context, plan.error());
        }
        nlohmann::json lines = nlohmann::json::array();
        for (const booking::CancellationLine& line : plan->lines) {
            lines.push_back(
                {{"date", line.booking.day.format_fr()},
                 {"weekday", std::string(core::weekday_name_fr(line.booking.day.weekday()))},
                 {"decision", std::string(booking::cancellation_decision_name(line.decision))},
                 {"label", m_catalogue.text(
                               context.language,
                               "booking_cancel_" + std::string(booking::cancellation_decision_name(line.decision)))},
                 {"billed", line.billed.format_fr()}});
        }
        data["activity_name"] = plan->activity.name;
        data["lines"] = std::move(lines);
        data["fingerprint"] = plan->fingerprint;
        data["can_confirm"] = plan->free_count + plan->billed_count > 0;
        data["totals"] = m_catalogue.text(context.language, "booking_cancel_totals",
                                          {{"free", std::to_string(plan->free_count)},
                                           {"billed", std::to_string(plan->billed_count)},
                                           {"closed", std::to_string(plan->closed_count)}});
        return page(status, context, "booking/summary", "booking_cancel_summary_title", std::move(data));
    }
    auto plan = m_booking.plan(scope, actor_of(context), child, selection);
    if (!plan) {
        return plan.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, plan.error());
    }
    nlohmann::json lines = nlohmann::json::array();
    for (const booking::BookingSummary::Line& line : plan->summary.lines) {
        nlohmann::json row = {
            {"date", line.day.format_fr()},
            {"weekday", std::string(core::weekday_name_fr(line.day.weekday()))},
            {"decision", std::string(booking::decision_name(line.explanation.decision))},
            {"label", m_catalogue.text(context.language, "booking_state_" + std::string(booking::decision_name(
                                                                                line.explanation.decision)))},
            {"reason",
             m_catalogue.text(context.language, line.explanation.reason.key, line.explanation.reason.variables)}};
        if (line.price) {
            row["price"] = line.price->format_fr();
        }
        lines.push_back(std::move(row));
    }
    nlohmann::json already = nlohmann::json::array();
    for (core::CivilDate day : plan->already_booked) {
        already.push_back(day.format_fr());
    }
    data["activity_name"] = plan->activity.name;
    data["lines"] = std::move(lines);
    data["has_already_booked"] = !already.empty();
    data["already_booked"] = std::move(already);
    data["fingerprint"] = plan->fingerprint;
    data["can_confirm"] = plan->summary.on_time_count + plan->summary.late_count > 0;
    data["total"] = plan->summary.total.format_fr();
    data["totals"] = m_catalogue.text(context.language, "booking_totals",
                                      {{"on_time", std::to_string(plan->summary.on_time_count)},
                                       {"late", std::to_string(plan->summary.late_count)},
                                       {"refused", std::to_string(plan->summary.refused_count)}});
    return page(status, context, "booking/summary", "booking_summary_title", std::move(data));
}

Response BookingPages::confirm(RequestContext& context) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    const auto activity = parse_id(context.form.get("activite"));
    if (!child || !scope || !activity) {
        return error_page(404, context);
    }
    booking::DaySelection selection{core::ActivityId{*activity}, {}};
    for (const std::string& text : context.form.get_all("jour")) {
        const auto day = core::CivilDate::parse_iso(text);
        if (!day) {
            return error_page(400, context, "err_booking_day");
        }
        selection.days.push_back(*day);
    }
    const bool cancel = context.form.get("action") == "annuler";
    const std::string fingerprint = context.form.get("empreinte");
    const UrlParams here = {{"child", std::to_string(*child)}};
    const UrlParams month =
        selection.days.empty()
            ? UrlParams{}
            : UrlParams{{"mois", month_key(*std::min_element(selection.days.begin(), selection.days.end()))}};
    if (cancel) {
        auto done = m_booking.cancel(*scope, actor_of(context), core::ChildId{*child}, selection, fingerprint);
        if (!done) {
            return done.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                   : storage_failure(context, done.error());
        }
        if (done->outcome == booking::Confirmation::Outcome::changed) {
            return summary_page(context, core::ChildId{*child}, true, selection, 409, "booking_plan_changed");
        }
        if (done->cancelled == 0) {
            return summary_page(context, core::ChildId{*child}, true, selection, 422, "booking_nothing_to_confirm");
        }
        return redirect_with_flash(context, context.url("booking.calendar", here, month), "msg_booking_cancelled");
    }
    auto done = m_booking.confirm(*scope, actor_of(context), core::ChildId{*child}, selection, fingerprint);
    if (!done) {
        return done.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, done.error());
    }
    if (done->outcome == booking::Confirmation::Outcome::changed) {
        return summary_page(context, core::ChildId{*child}, false, selection, 409, "booking_plan_changed");
    }
    if (done->booked.empty()) {
        // Every day of the plan is refused (a post the page does not offer): nothing booked, and said so.
        return summary_page(context, core::ChildId{*child}, false, selection, 422, "booking_nothing_to_confirm");
    }
    return redirect_with_flash(context, context.url("booking.calendar", here, month), "msg_booking_done");
}

Response BookingPages::enrolments(RequestContext& context, nlohmann::json form, int status) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    if (!child || !scope) {
        return error_page(404, context);
    }
    auto list = m_booking.enrolments(*scope, actor_of(context), core::ChildId{*child});
    if (!list) {
        return list.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, list.error());
    }
    auto catalog = m_catalog.catalog(context.commune_id());
    if (!catalog) {
        return storage_failure(context, catalog.error());
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const booking::Enrolment& enrolment : *list) {
        const catalog::Activity* activity = catalog->activity(enrolment.activity);
        std::string period;
        if (enrolment.period.session) {
            if (const catalog::HolidaySession* session = catalog->session(*enrolment.period.session)) {
                period = session->name;
            }
        } else {
            for (const catalog::SchoolYear& year : catalog->school_years) {
                if (enrolment.period.school_year == year.id) {
                    period = year.label;
                }
            }
        }
        const catalog::Site* site = catalog->site(enrolment.site);
        nlohmann::json row = {
            {"activity", activity != nullptr ? activity->name : ""},
            {"period", period},
            {"site", site != nullptr ? site->name : ""},
            {"status", std::string(booking::enrolment_status_name(enrolment.status))},
            {"status_label",
             m_catalogue.text(context.language,
                              "enrolment_status_" + std::string(booking::enrolment_status_name(enrolment.status)))},
            {"requested_at", context.local_text(enrolment.requested_at)}};
        if (!enrolment.refusal_reason.empty()) {
            row["reason"] = enrolment.refusal_reason;
        }
        rows.push_back(std::move(row));
    }
    // The choices of the form: each activity with its periods (school years, or its sessions) and sites.
    nlohmann::json options = nlohmann::json::array();
    const core::CivilDate today = context.today();
    for (const catalog::Activity& activity : catalog->activities) {
        nlohmann::json periods = nlohmann::json::array();
        nlohmann::json sites = nlohmann::json::array();
        if (activity.kind == catalog::ActivityKind::school_time) {
            for (const catalog::SchoolYear& year : catalog->school_years) {
                if (year.last_day.date >= today) {
                    periods.push_back({{"value", "annee-" + std::to_string(year.id.value())}, {"label", year.label}});
                }
            }
            for (const catalog::ActivitySite& served : activity.sites) {
                if (const catalog::Site* site = catalog->site(served.site)) {
                    sites.push_back({{"value", served.site.value()}, {"label", site->name}});
                }
            }
        } else {
            for (const catalog::HolidaySession& session : catalog->sessions) {
                if (session.activity == activity.id && session.last_day >= today) {
                    periods.push_back(
                        {{"value", "session-" + std::to_string(session.id.value())}, {"label", session.name}});
                    for (const catalog::SessionSite& served : session.sites) {
                        const catalog::Site* site = catalog->site(served.site);
                        const bool listed = std::any_of(sites.begin(), sites.end(), [&](const nlohmann::json& s) {
                            return s["value"] == served.site.value();
                        });
                        if (site != nullptr && !listed) {
                            sites.push_back({{"value", served.site.value()}, {"label", site->name}});
                        }
                    }
                }
            }
        }
        options.push_back({{"value", activity.id.value()},
                           {"label", activity.name},
                           {"periods", std::move(periods)},
                           {"sites", std::move(sites)},
                           {"validated", activity.needs_validation}});
    }
    const UrlParams here = {{"child", std::to_string(*child)}};
    if (form.empty()) {
        form =
            form_view(context.url("booking.enrol", here), nlohmann::json::object(), {}, context.language, m_catalogue);
    }
    // A refused form keeps what the family chose: the activity, and its period and site (the same period or site may
    // be offered under several activities, so only the chosen activity's option is selected).
    const nlohmann::json& chosen = form["values"];
    for (nlohmann::json& option : options) {
        const bool activity_chosen = chosen.value("activite", "") == std::to_string(option["value"].get<long long>());
        option["selected"] = activity_chosen;
        for (nlohmann::json& period : option["periods"]) {
            period["selected"] = activity_chosen && chosen.value("periode", "") == period["value"].get<std::string>();
        }
        for (nlohmann::json& site : option["sites"]) {
            site["selected"] =
                activity_chosen && chosen.value("site", "") == std::to_string(site["value"].get<long long>());
        }
    }
    context.ensure_csrf();
    return page(status, context, "booking/enrolments", "booking_enrolments_title",
                {{"has_enrolments", !rows.empty()},
                 {"enrolments", std::move(rows)},
                 {"activities", std::move(options)},
                 {"form", std::move(form)},
                 {"calendar_url", context.url("booking.calendar", here)},
                 {"child_url", context.url("family.child", here)}});
}

Response BookingPages::enrol(RequestContext& context) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    if (!child || !scope) {
        return error_page(404, context);
    }
    booking::EnrolmentRequest request;
    request.child = core::ChildId{*child};
    request.activity = core::ActivityId{parse_id(context.form.get("activite")).value_or(0)};
    request.site = core::SiteId{parse_id(context.form.get("site")).value_or(0)};
    const std::string period = context.form.get("periode");
    if (period.rfind("annee-", 0) == 0) {
        request.period.school_year = core::SchoolYearId{parse_id(period.substr(6)).value_or(0)};
    } else if (period.rfind("session-", 0) == 0) {
        request.period.session = core::HolidaySessionId{parse_id(period.substr(8)).value_or(0)};
    }
    std::vector<core::Error> refused;
    auto made = m_booking.enrol(*scope, actor_of(context), request, refused);
    if (!made) {
        return made.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, made.error());
    }
    const UrlParams here = {{"child", std::to_string(*child)}};
    if (!refused.empty()) {
        identity::FieldErrors errors;
        for (const core::Error& error : refused) {
            errors.push_back({error.field == "period"     ? "periode"
                              : error.field == "activity" ? "activite"
                                                          : error.field,
                              error.key});
        }
        const nlohmann::json values = {
            {"activite", context.form.get("activite")}, {"periode", period}, {"site", context.form.get("site")}};
        return enrolments(
            context, form_view(context.url("booking.enrol", here), values, errors, context.language, m_catalogue), 422);
    }
    return redirect_with_flash(
        context, context.url("booking.enrolments", here),
        (*made)->status == booking::EnrolmentStatus::accepted ? "msg_enrolment_accepted" : "msg_enrolment_pending");
}

}  // namespace guichet::web
