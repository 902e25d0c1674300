#include "web/request/request_context.h"

#include "core/time_zone.h"
#include "web/request/sessions.h"

namespace guichet::web {

std::string RequestContext::url(std::string_view route_name, UrlParams params, const UrlParams& query) const {
    if (commune) {
        params.emplace_back("commune", commune->commune.slug);
    }
    return router->url_for(route_name, params, query);
}

identity::RequestOrigin RequestContext::origin() const {
    return {request.client_address.empty() ? request.remote_address : request.client_address,
            std::string(request.headers.find("User-Agent").value_or("")).substr(0, 256)};
}

identity::MailContext RequestContext::mail() const {
    return {std::string(language_code(language))};
}

core::CivilDate RequestContext::today() const {
    const auto zone = core::TimeZone::locate(commune ? commune->commune.time_zone : "Europe/Paris");
    const auto paris = core::TimeZone::locate("Europe/Paris");
    return (zone ? *zone : *paris).today(clock->now());
}

std::string RequestContext::local_text(core::Instant instant) const {
    const auto zone = core::TimeZone::locate(commune ? commune->commune.time_zone : "Europe/Paris");
    return zone ? zone->to_local(instant).format_fr() : core::to_iso_utc(instant);
}

void RequestContext::ensure_csrf() {
    sessions->ensure_csrf(*this);
}

}  // namespace guichet::web
