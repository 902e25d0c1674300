#pragma once

#include "booking/absence_store.h"
#include "booking/agenda_store.h"
#include "booking/allocation_store.h"
#include "booking/attendance_store.h"
#include "booking/booking_store.h"
#include "catalog/transaction.h"
#include "core/unit_of_work.h"
#include "family/transaction.h"

namespace guichet::booking {

// What a booking use case may touch in its one transaction: the bookings, the catalogue it books from, and the
// family record (whose child, which household) with everything identity offers (audit, outbox), so that a month of
// days, their places, their history and the mail that tells the family commit together.
class Transaction : public virtual family::Transaction, public virtual catalog::Transaction {
  public:
    [[nodiscard]] virtual BookingStore& booking() = 0;
    [[nodiscard]] virtual AbsenceStore& absences() = 0;
    [[nodiscard]] virtual SchoolEventStore& school_events() = 0;
    // The pre-registration requests and allocation runs of holiday sessions.
    [[nodiscard]] virtual AllocationStore& allocation() = 0;
    [[nodiscard]] virtual AttendanceStore& attendance() = 0;
    [[nodiscard]] virtual AgendaStore& agenda() = 0;
};

using UnitOfWork = core::UnitOfWork<Transaction>;

}  // namespace guichet::booking
