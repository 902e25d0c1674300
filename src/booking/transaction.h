#pragma once

#include "booking/agenda_store.h"
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
    [[nodiscard]] virtual AgendaStore& agenda() = 0;
};

using UnitOfWork = core::UnitOfWork<Transaction>;

}  // namespace guichet::booking
