#pragma once

#include "booking/attendance_service.h"
#include "identity/staff_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The admin's page of the site staff accounts (created on the staff accounts page with the role "personnel de
// site") and the sites each one works at, chosen by ticking them.
class StaffSitesPages final : public FeaturePages {
  public:
    StaffSitesPages(const Kit& kit, booking::AttendanceService& attendance, identity::StaffService& staff)
        : FeaturePages(kit), m_attendance(attendance), m_staff(staff) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response list(RequestContext& context);
    [[nodiscard]] Response save(RequestContext& context);

    booking::AttendanceService& m_attendance;
    identity::StaffService& m_staff;
};

}  // namespace guichet::web
