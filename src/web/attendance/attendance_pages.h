#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "booking/attendance_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"
#include "web/view/static_assets.h"

namespace guichet::web {

// The roll (liste d'appel) for the staff of a site: choose the site, then the day and activity; the roll lists the
// booked children with one form per child and action (présent, absent), and the search of an unbooked presence.
// Every tap carries its mark id, so that a retried tap is stored once. With JavaScript (assets/js/attendance.js), taps
// are sent in the background and queued on the phone while offline; the service worker (attendance.worker, served
// from the roll's own path so that its scope covers the rolls) keeps the pages for offline use.
class AttendancePages final : public FeaturePages {
  public:
    AttendancePages(const Kit& kit, booking::AttendanceService& attendance);

    void add_routes(Installation& site);

  private:
    // The site, activity and day named by the path, once parsed (nullopt: a 404).
    struct RollPath {
        core::SiteId site{0};
        core::ActivityId activity{0};
        core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    };

    [[nodiscard]] Response home(RequestContext& context);
    [[nodiscard]] Response site_page(RequestContext& context);
    [[nodiscard]] Response open_roll(RequestContext& context);
    [[nodiscard]] Response roll_page(RequestContext& context, std::string_view template_name, int status = 200,
                                     const std::string& error_key = {});
    [[nodiscard]] Response roll_csv(RequestContext& context);
    [[nodiscard]] Response mark(RequestContext& context);
    [[nodiscard]] Response worker(RequestContext& context) const;

    [[nodiscard]] std::optional<booking::Scope> scope_of(const RequestContext& context) const;
    [[nodiscard]] static booking::RollTaker taker_of(const RequestContext& context);
    [[nodiscard]] static std::optional<RollPath> roll_path(const RequestContext& context);
    [[nodiscard]] nlohmann::json line_view(RequestContext& context, const booking::RollLine& line,
                                           const std::string& action, bool candidate) const;

    booking::AttendanceService& m_attendance;
    // The embedded scripts of the roll (its page script and the service worker), by their logical names.
    StaticAssets m_scripts;
};

}  // namespace guichet::web
