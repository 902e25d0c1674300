#pragma once

#include "booking/absence_service.h"
#include "booking/school_event_service.h"
#include "catalog/catalog_service.h"
#include "web/booking/absence_pages.h"
#include "web/booking/justification_office.h"
#include "web/booking/school_event_office.h"
#include "web/request/feature.h"

namespace guichet::web {

// Absences and school events on the web: a child's absences for his parent (AbsencePages) and the same page at the
// guichet, the agents' certificates to decide (JustificationOffice) and their school events (SchoolEventOffice).
class AbsenceFeature final : public Feature {
  public:
    AbsenceFeature(const Kit& kit, booking::AbsenceService& absences, booking::SchoolEventService& events,
                   catalog::CatalogService& catalog)
        : m_pages(kit, absences, catalog, BookingDesk::parent),
          m_desk(kit, absences, catalog, BookingDesk::guichet),
          m_justifications(kit, absences, catalog),
          m_events(kit, events, catalog) {}

    void install(Installation& site) override {
        m_pages.add_routes(site);
        m_desk.add_routes(site);
        m_justifications.add_routes(site);
        m_events.add_routes(site);
    }

  private:
    AbsencePages m_pages;
    AbsencePages m_desk;  // the same page at the guichet, for the household an agent has open
    JustificationOffice m_justifications;
    SchoolEventOffice m_events;
};

}  // namespace guichet::web
