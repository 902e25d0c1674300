#pragma once

#include "web/agenda/agenda_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// What a family receives about its bookings outside the portal's pages ([G6] items 7 and 8): the reminders before a
// booking deadline (the timer "booking.reminders", the mail "booking_reminder", the choice to receive them on "Mon
// compte") and the private calendar feed (its URL issued and revoked on "Mon compte", the .ics the calendar
// applications fetch).
class AgendaFeature final : public Feature {
  public:
    AgendaFeature(const Kit& kit, booking::ReminderService& reminders, booking::CalendarFeedService& feeds)
        : m_pages(kit, reminders, feeds) {}

    void install(Installation& site) override { m_pages.add_routes(site); }

  private:
    AgendaPages m_pages;
};

}  // namespace guichet::web
