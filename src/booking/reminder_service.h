#pragma once

#include <cstddef>

#include "booking/booking_service.h"
#include "booking/transaction.h"
#include "catalog/catalog_cache.h"

namespace guichet::booking {

// The reminders before a booking deadline ([G6] item 7) and the account's choice to receive them ("Mon compte").
class ReminderService {
  public:
    explicit ReminderService(UnitOfWork& work) : m_work(work) {}

    // Sends the commune's reminders due at `now` that have not left yet, and returns how many reminders left (one
    // reminder: one child, one deadline, one step, mailed to the address of each active account representing the
    // child that wants reminders). Each child is one unit of work: his bookings read again, the reminders recorded as
    // sent (the record's unique key decides between two processes ticking at once), the mails and the history rows
    // ("reminder_sent", the recipient as actor) written together.
    [[nodiscard]] core::Result<std::size_t> send_due(const Scope& scope, core::Instant now);

    // Whether the account receives reminders (true unless it turned them off).
    [[nodiscard]] core::Result<bool> wanted(const Scope& scope, core::AccountId account);
    // Turns the account's reminders on or off, with its audit row ("reminders_on", "reminders_off").
    [[nodiscard]] core::Status set_wanted(const Scope& scope, const Actor& actor, bool wanted, core::Instant now);

  private:
    UnitOfWork& m_work;
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
