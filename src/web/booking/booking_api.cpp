// The booking API: the pages' use cases (booking::BookingService) answered as JSON for integrators.
#include "web/booking/booking_api.h"

#include <nlohmann/json.hpp>

#include "web/booking/booking_api_json.h"
#include "web/booking/booking_api_request.h"
#include "web/http/url.h"

namespace guichet::web {
namespace {

std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<booking::Scope> scope_of(const RequestContext& context) {
    auto zone = core::TimeZone::locate(context.commune->commune.time_zone);
    if (!zone) {
        return std::nullopt;
    }
    return booking::Scope{context.commune_id(), *zone};
}

booking::Actor actor_of(const RequestContext& context) {
    return {context.signed_in->account.id, booking::BookingChannel::portal, std::nullopt, context.origin().ip};
}

}  // namespace

void BookingApi::add_routes(Installation& site) {
    const auto add = [&site](Method method, const char* path, const char* name, Handler handler) {
        site.routes.add(answering_json(commune_route(method, path, name, Policy::parent(), std::move(handler))));
    };
    add(Method::get, "/{commune}/api/v1/enfants/{child}/calendrier", "api.booking.calendar",
        [this](RequestContext& c) { return calendar(c); });
    add(Method::post, "/{commune}/api/v1/enfants/{child}/reservations/recapitulatif", "api.booking.summary",
        [this](RequestContext& c) { return batch(c, Intent::book, Step::summary); });
    add(Method::post, "/{commune}/api/v1/enfants/{child}/reservations", "api.booking.confirm",
        [this](RequestContext& c) { return batch(c, Intent::book, Step::confirm); });
    add(Method::post, "/{commune}/api/v1/enfants/{child}/annulations/recapitulatif", "api.booking.cancel_summary",
        [this](RequestContext& c) { return batch(c, Intent::cancel, Step::summary); });
    add(Method::post, "/{commune}/api/v1/enfants/{child}/annulations", "api.booking.cancel",
        [this](RequestContext& c) { return batch(c, Intent::cancel, Step::confirm); });
}

Response BookingApi::field_error(RequestContext& context, int status, std::string_view field,
                                 std::string_view key) const {
    nlohmann::json error = {{"code", "invalid_input"}, {"message", m_catalogue.text(context.language, key)}};
    if (!field.empty()) {
        error["field"] = field;
    }
    return Response::json(status, dump({{"error", std::move(error)}}));
}

Response BookingApi::failure(RequestContext& context, const core::Error& error) const {
    if (error.key == "err_activity_unknown") {
        return field_error(context, 422, "activity", error.key);
    }
    if (error.code == core::ErrorCode::invalid_input) {
        // A pattern whose first day no school year holds.
        return field_error(context, 422, error.field == "from" ? "pattern.from" : error.field, error.key);
    }
    return storage_failure(context, error);  // not_found (another household's child) is a 404 there
}

Response BookingApi::calendar(RequestContext& context) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    if (!child || !scope) {
        return error_page(404, context);
    }
    const core::CivilDate today = context.today();
    core::CivilDate first = today.add_days(1 - static_cast<int>(today.day()));
    if (const auto asked = query_value(context.request.query, "mois")) {
        const auto month = core::CivilDate::parse_iso(*asked + "-01");
        if (asked->size() != 7 || !month) {
            return field_error(context, 422, "mois", "err_booking_month");
        }
        first = *month;
    }
    auto month = m_booking.month(*scope, actor_of(context), core::ChildId{*child}, first);
    if (!month) {
        return failure(context, month.error());
    }
    const BookingApiJson json(m_catalogue, context.language, scope->zone);
    return Response::json(200, dump(json.month(*month)));
}

Response BookingApi::batch(RequestContext& context, Intent intent, Step step) {
    const auto child = parse_id(context.params.get("child"));
    const auto scope = scope_of(context);
    if (!child || !scope) {
        return error_page(404, context);
    }
    auto request = read_batch_request(context.request.body,
                                      step == Step::confirm ? FingerprintRule::required : FingerprintRule::absent,
                                      context.today());
    if (!request) {
        return field_error(context, request.error().status, request.error().field, request.error().key);
    }
    booking::DaySelection selection{request->activity, std::move(request->days)};
    if (request->pattern) {
        auto days = m_booking.pattern_days(*scope, actor_of(context), core::ChildId{*child}, *request->pattern);
        if (!days) {
            return failure(context, days.error());
        }
        selection = std::move(*days);
    }
    const BookingApiJson json(m_catalogue, context.language, scope->zone);
    if (step == Step::confirm) {
        return intent == Intent::book ? book(context, *scope, core::ChildId{*child}, selection, request->fingerprint)
                                      : cancel(context, *scope, core::ChildId{*child}, selection, request->fingerprint);
    }
    if (intent == Intent::book) {
        auto plan = m_booking.plan(*scope, actor_of(context), core::ChildId{*child}, selection);
        return plan ? Response::json(200, dump(json.booking_summary(*plan))) : failure(context, plan.error());
    }
    auto plan = m_booking.plan_cancellation(*scope, actor_of(context), core::ChildId{*child}, selection);
    return plan ? Response::json(200, dump(json.cancellation_summary(*plan))) : failure(context, plan.error());
}

Response BookingApi::book(RequestContext& context, const booking::Scope& scope, core::ChildId child,
                          const booking::DaySelection& selection, const std::string& fingerprint) {
    auto done = m_booking.confirm(scope, actor_of(context), child, selection, fingerprint);
    if (!done) {
        return failure(context, done.error());
    }
    const BookingApiJson json(m_catalogue, context.language, scope.zone);
    if (done->outcome == booking::Confirmation::Outcome::changed) {
        // A day filled up or a deadline passed since the summary: nothing was booked; here is what booking does now.
        return Response::json(
            409,
            dump({{"error",
                   {{"code", "plan_changed"}, {"message", m_catalogue.text(context.language, "booking_plan_changed")}}},
                  {"summary", json.booking_summary(done->plan)}}));
    }
    if (done->booked.empty()) {
        return field_error(context, 422, "days", "err_booking_nothing_to_book");
    }
    nlohmann::json ids = nlohmann::json::array();
    for (core::BookingId id : done->booked) {
        ids.push_back(id.value());
    }
    return Response::json(201, dump({{"booked", std::move(ids)}, {"total_cents", done->plan.summary.total.cents()}}));
}

Response BookingApi::cancel(RequestContext& context, const booking::Scope& scope, core::ChildId child,
                            const booking::DaySelection& selection, const std::string& fingerprint) {
    auto done = m_booking.cancel(scope, actor_of(context), child, selection, fingerprint);
    if (!done) {
        return failure(context, done.error());
    }
    const BookingApiJson json(m_catalogue, context.language, scope.zone);
    if (done->outcome == booking::Confirmation::Outcome::changed) {
        return Response::json(
            409,
            dump({{"error",
                   {{"code", "plan_changed"}, {"message", m_catalogue.text(context.language, "booking_plan_changed")}}},
                  {"summary", json.cancellation_summary(done->plan)}}));
    }
    if (done->cancelled == 0) {
        return field_error(context, 422, "days", "err_booking_nothing_to_cancel");
    }
    core::Money billed = core::Money::from_cents(0);
    for (const booking::CancellationLine& line : done->plan.lines) {
        if (line.decision == booking::CancellationDecision::billed) {
            billed = billed + line.billed;
        }
    }
    return Response::json(200, dump({{"cancelled", done->cancelled},
                                     {"free", done->plan.free_count},
                                     {"billed", done->plan.billed_count},
                                     {"billed_total_cents", billed.cents()}}));
}

}  // namespace guichet::web
