#pragma once

#include "booking/attendance_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The kitchen's counts: the TRAM meals booked for the coming working days, per site and dietary option, as a page and
// as a CSV for French Excel.
class KitchenPages final : public FeaturePages {
  public:
    KitchenPages(const Kit& kit, booking::AttendanceService& attendance)
        : FeaturePages(kit), m_attendance(attendance) {}

    void add_routes(Installation& site);

    // The working days counted.
    static constexpr int kWorkingDays = 10;

  private:
    [[nodiscard]] Response kitchen_page(RequestContext& context);
    [[nodiscard]] Response kitchen_csv(RequestContext& context);

    booking::AttendanceService& m_attendance;
};

}  // namespace guichet::web
