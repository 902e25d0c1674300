#pragma once

#include "booking/attendance_service.h"
#include "identity/staff_service.h"
#include "web/attendance/attendance_pages.h"
#include "web/attendance/kitchen_pages.h"
#include "web/attendance/staff_sites_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// Attendance (pointage) on the web: the roll of a site, day and activity for agents and site staff, on a phone, with
// its taps, its printable list and CSV, and the service worker that keeps it working offline (AttendancePages); the
// kitchen's meal counts (KitchenPages); the sites of each site staff account, set by an admin (StaffSitesPages).
class AttendanceFeature final : public Feature {
  public:
    AttendanceFeature(const Kit& kit, booking::AttendanceService& attendance, identity::StaffService& staff)
        : m_roll(kit, attendance), m_kitchen(kit, attendance), m_staff(kit, attendance, staff) {}

    void install(Installation& site) override {
        m_roll.add_routes(site);
        m_kitchen.add_routes(site);
        m_staff.add_routes(site);
    }

  private:
    AttendancePages m_roll;
    KitchenPages m_kitchen;
    StaffSitesPages m_staff;
};

}  // namespace guichet::web
