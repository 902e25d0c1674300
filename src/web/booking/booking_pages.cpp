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
    const bool guichet = m_desk == BookingDesk::guichet;
    const std::string base =
        guichet ? "/{commune}/agents/familles/{household}/enfants/{child}" : "/{commune}/ma-famille/enfants/{child}";
    const auto add = [&](Method method, const std::string& path, std::string_view what, Handler handler) {
        site.routes.add(commune_route(method, base + path, route(what), guichet ? Policy::agent() : Policy::parent(),
                                      std::move(handler)));
    };
    add(Method::get, "/reservations", "calendar", [this](RequestContext& c) { return calendar(c); });
    add(Method::post, "/reservations/recapitulatif", "summary", [this](RequestContext& c) { return summary(c); });
    add(Method::post, "/reservations/confirmer", "confirm", [this](RequestContext& c) { return confirm(c); });
    add(Method::post, "/reservations/liste-attente", "waiting", [this](RequestContext& c) { return waiting(c); });
    add(Method::get, "/inscriptions", "enrolments",
        [this](RequestContext& c) { return enrolments(c, nlohmann::json::object(), 200); });
    add(Method::post, "/inscriptions", "enrol", [this](RequestContext& c) { return enrol(c); });
    if (!guichet) {
        site.navigation.add(
            ChildPanel{20, [this](RequestContext& c, core::ChildId child) { return agenda_panel(c, child); }});
    }
}

std::string BookingPages::route(std::string_view what) const {
    return (m_desk == BookingDesk::guichet ? "booking.desk." : "booking.") + std::string(what);
}

std::optional<BookingPages::Target> BookingPages::target_of(const RequestContext& context) const {
    const auto child = parse_id(context.params.get("child"));
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!child || !zone) {
        return std::nullopt;
    }
    Target target{{context.commune_id(), *zone}, {}, core::ChildId{*child}, {{"child", std::to_string(*child)}}};
    target.actor.account = context.signed_in->account.id;
    target.actor.ip = context.origin().ip;
    if (m_desk == BookingDesk::guichet) {
        // The agent acts for the household of the address; a child of another household is not found in it.
        const auto household = parse_id(context.params.get("household"));
        if (!household) {
            return std::nullopt;
        }
        target.actor.channel = booking::BookingChannel::guichet;
        target.actor.household = core::HouseholdId{*household};
        target.here.emplace_back("household", std::to_string(*household));
    }
    return target;
}

void BookingPages::add_desk(RequestContext& context, const Target& target, nlohmann::json& data) const {
    if (m_desk == BookingDesk::guichet) {
        const UrlParams household = {{"household", std::to_string(target.actor.household->value())}};
        data["guichet"] = true;
        data["child_url"] = context.url("office.household", household);
        data["back_label"] = m_catalogue.text(context.language, "booking_back_to_household");
    } else {
        data["child_url"] = context.url("family.child", target.here);
        data["back_label"] = m_catalogue.text(context.language, "booking_back_to_child");
    }
}

Response BookingPages::calendar(RequestContext& context) {
    const auto target = target_of(context);
    if (!target) {
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
    auto month = m_booking.month(target->scope, target->actor, target->child, first);
    if (!month) {
        return month.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                : storage_failure(context, month.error());
    }
    const UrlParams& here = target->here;
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
                    cell["absence_url"] = context.url(route("absences"), here, {{"du", day.to_iso()}});
                    cell["cancellable"] =
                        shown->explanation.judgement.cancellation != booking::CancellationDecision::closed;
                } else if (shown->explanation.reason.key.starts_with("booking_no_service_event_")) {
                    // A school event (a strike…) cancelled the day: the cell says why ("Annulé : grève").
                    cell["state_label"] = cell["reason"];
                } else {
                    cell["state_label"] = m_catalogue.text(
                        context.language, "booking_state_" + std::string(booking::decision_name(decision)));
                    if (decision == booking::Decision::on_time || decision == booking::Decision::late) {
                        cell["bookable"] = true;
                        cell["price"] = shown->price.format_fr();
                    }
                    // A full day offers its waiting list, or says where the child is on it.
                    if (shown->waiting_position) {
                        cell["waiting"] = m_catalogue.text(context.language, "booking_waiting_position",
                                                           {{"position", std::to_string(*shown->waiting_position)}});
                    } else if (decision == booking::Decision::full) {
                        cell["full"] = true;
                    }
                    // A freed place offered to him ([G6]): accepted or declined from the cell, by the parent or
                    // at the guichet for the family.
                    if (shown->offer) {
                        UrlParams offer_here = here;
                        offer_here.emplace_back("offer", std::to_string(shown->offer->id.value()));
                        cell["offer"] = {
                            {"url", context.url(m_desk == BookingDesk::guichet ? "booking.desk.child_offer.answer"
                                                                               : "booking.child_offer.answer",
                                                offer_here)},
                            {"until", context.local_text(shown->offer->expires_at)}};
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
        {"previous_url", context.url(route("calendar"), here, {{"mois", month_key(previous_month(month->first_day))}})},
        {"next_url", context.url(route("calendar"), here, {{"mois", month_key(next_month(month->first_day))}})},
        {"summary_url", context.url(route("summary"), here)},
        {"waiting_url", context.url(route("waiting"), here)},
        {"enrolments_url", context.url(route("enrolments"), here)},
        {"absences_url", context.url(route("absences"), here)},
        {"child_name", month->child_name},
        {"today", today.to_iso()},
        {"activities", std::move(activities)}};
    add_desk(context, *target, data);
    context.ensure_csrf();
    return page(200, context, "booking/calendar", "booking_calendar_title", std::move(data));
}

core::Result<booking::DaySelection> BookingPages::selection_of(RequestContext& context, const Target& target,
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
    auto days = m_booking.pattern_days(target.scope, target.actor, target.child, pattern);
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
    const auto target = target_of(context);
    if (!target) {
        return error_page(404, context);
    }
    identity::FieldErrors errors;
    auto selection = selection_of(context, *target, errors);
    if (!selection) {
        return selection.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                    : storage_failure(context, selection.error());
    }
    if (!errors.empty()) {
        return redirect_with_flash(context, context.url(route("calendar"), target->here), errors.front().message_key);
    }
    return summary_page(context, *target, context.form.get("action") == "annuler", *selection, 200, {});
}

Response BookingPages::summary_page(RequestContext& context, const Target& target, bool cancel,
                                    const booking::DaySelection& selection, int status, std::string_view notice_key) {
    const UrlParams& here = target.here;
    nlohmann::json days = nlohmann::json::array();
    for (core::CivilDate day : selection.days) {
        days.push_back(day.to_iso());
    }
    nlohmann::json data = {{"cancel", cancel},
                           {"activity_id", selection.activity.value()},
                           {"days", days},
                           {"confirm_url", context.url(route("confirm"), here)},
                           {"calendar_url", context.url(route("calendar"), here)}};
    add_desk(context, target, data);
    if (!notice_key.empty()) {
        data["notice"] = m_catalogue.text(context.language, notice_key);
    }
    if (cancel) {
        auto plan = m_booking.plan_cancellation(target.scope, target.actor, target.child, selection);
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
    auto plan = m_booking.plan(target.scope, target.actor, target.child, selection);
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
    const auto target = target_of(context);
    const auto activity = parse_id(context.form.get("activite"));
    if (!target || !activity) {
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
    const UrlParams& here = target->here;
    const UrlParams month =
        selection.days.empty()
            ? UrlParams{}
            : UrlParams{{"mois", month_key(*std::min_element(selection.days.begin(), selection.days.end()))}};
    if (cancel) {
        auto done = m_booking.cancel(target->scope, target->actor, target->child, selection, fingerprint);
        if (!done) {
            return done.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                                   : storage_failure(context, done.error());
        }
        if (done->outcome == booking::Confirmation::Outcome::changed) {
            return summary_page(context, *target, true, selection, 409, "booking_plan_changed");
        }
        if (done->cancelled == 0) {
            return summary_page(context, *target, true, selection, 422, "booking_nothing_to_confirm");
        }
        return redirect_with_flash(context, context.url(route("calendar"), here, month), "msg_booking_cancelled");
    }
    auto done = m_booking.confirm(target->scope, target->actor, target->child, selection, fingerprint);
    if (!done) {
        return done.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, done.error());
    }
    if (done->outcome == booking::Confirmation::Outcome::changed) {
        return summary_page(context, *target, false, selection, 409, "booking_plan_changed");
    }
    if (done->booked.empty()) {
        // Every day of the plan is refused (a post the page does not offer): nothing booked, and said so.
        return summary_page(context, *target, false, selection, 422, "booking_nothing_to_confirm");
    }
    return redirect_with_flash(context, context.url(route("calendar"), here, month), "msg_booking_done");
}

core::Result<std::string> BookingPages::agenda_panel(RequestContext& context, core::ChildId child) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return std::string();
    }
    const booking::Actor parent{context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt,
                                context.origin().ip};
    const core::CivilDate today = context.today();
    auto agenda = m_booking.agenda({context.commune_id(), *zone}, parent, child, today, today.add_days(27));
    if (!agenda) {
        if (agenda.error().code == core::ErrorCode::not_found) {
            return std::string();  // not his child: the profile itself says so
        }
        return tl::unexpected(agenda.error());
    }
    nlohmann::json days = nlohmann::json::array();
    for (const booking::AgendaDay& day : *agenda) {
        std::string names;
        for (const catalog::Activity& activity : day.activities) {
            names += (names.empty() ? "" : ", ") + activity.name;
        }
        days.push_back({{"day", m_catalogue.text(context.language, "child_agenda_day",
                                                 {{"weekday", std::string(core::weekday_name_fr(day.day.weekday()))},
                                                  {"date", day.day.format_fr()}})},
                        {"iso", day.day.to_iso()},
                        {"activities", names}});
    }
    const UrlParams here = {{"child", std::to_string(child.value())}};
    return m_kit.pages.fragment(context, "booking/child_agenda",
                                {{"has_days", !days.empty()},
                                 {"days", std::move(days)},
                                 {"calendar_url", context.url(route("calendar"), here)},
                                 {"enrolments_url", context.url(route("enrolments"), here)},
                                 {"absences_url", context.url(route("absences"), here)}});
}

// A full day's waiting list, from the button of its cell: "rejoindre" (join) or "quitter" (leave) with the day. The
// offer of a freed place comes by mail later; here the family learns its position on the calendar.
Response BookingPages::waiting(RequestContext& context) {
    const auto target = target_of(context);
    const auto activity = parse_id(context.form.get("activite"));
    if (!target || !activity) {
        return error_page(404, context);
    }
    const bool join = context.form.has("rejoindre");
    const auto day = core::CivilDate::parse_iso(context.form.get(join ? "rejoindre" : "quitter"));
    if (!day) {
        return error_page(400, context, "err_booking_day");
    }
    const UrlParams month = {{"mois", month_key(*day)}};
    if (join) {
        auto joined =
            m_booking.join_waiting_list(target->scope, target->actor, target->child, core::ActivityId{*activity}, *day);
        if (!joined) {
            if (joined.error().code == core::ErrorCode::not_found) {
                return error_page(404, context);
            }
            if (joined.error().code == core::ErrorCode::conflict) {
                return redirect_with_flash(context, context.url(route("calendar"), target->here, month),
                                           joined.error().key);
            }
            return storage_failure(context, joined.error());
        }
        return redirect_with_flash(context, context.url(route("calendar"), target->here, month), "msg_waiting_joined");
    }
    auto left =
        m_booking.leave_waiting_list(target->scope, target->actor, target->child, core::ActivityId{*activity}, *day);
    if (!left) {
        return left.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, left.error());
    }
    return redirect_with_flash(context, context.url(route("calendar"), target->here, month),
                               *left ? "msg_waiting_left" : "err_waiting_not_on_list");
}

Response BookingPages::enrolments(RequestContext& context, nlohmann::json form, int status) {
    const auto target = target_of(context);
    if (!target) {
        return error_page(404, context);
    }
    auto list = m_booking.enrolments(target->scope, target->actor, target->child);
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
    const UrlParams& here = target->here;
    if (form.empty()) {
        form =
            form_view(context.url(route("enrol"), here), nlohmann::json::object(), {}, context.language, m_catalogue);
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
    nlohmann::json data = {{"has_enrolments", !rows.empty()},
                           {"enrolments", std::move(rows)},
                           {"activities", std::move(options)},
                           {"form", std::move(form)},
                           {"calendar_url", context.url(route("calendar"), here)}};
    add_desk(context, *target, data);
    context.ensure_csrf();
    return page(status, context, "booking/enrolments", "booking_enrolments_title", std::move(data));
}

Response BookingPages::enrol(RequestContext& context) {
    const auto target = target_of(context);
    if (!target) {
        return error_page(404, context);
    }
    booking::EnrolmentRequest request;
    request.child = target->child;
    request.activity = core::ActivityId{parse_id(context.form.get("activite")).value_or(0)};
    request.site = core::SiteId{parse_id(context.form.get("site")).value_or(0)};
    const std::string period = context.form.get("periode");
    if (period.rfind("annee-", 0) == 0) {
        request.period.school_year = core::SchoolYearId{parse_id(period.substr(6)).value_or(0)};
    } else if (period.rfind("session-", 0) == 0) {
        request.period.session = core::HolidaySessionId{parse_id(period.substr(8)).value_or(0)};
    }
    std::vector<core::Error> refused;
    auto made = m_booking.enrol(target->scope, target->actor, request, refused);
    if (!made) {
        return made.error().code == core::ErrorCode::not_found ? error_page(404, context)
                                                               : storage_failure(context, made.error());
    }
    const UrlParams& here = target->here;
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
            context, form_view(context.url(route("enrol"), here), values, errors, context.language, m_catalogue), 422);
    }
    return redirect_with_flash(
        context, context.url(route("enrolments"), here),
        (*made)->status == booking::EnrolmentStatus::accepted ? "msg_enrolment_accepted" : "msg_enrolment_pending");
}

}  // namespace guichet::web
