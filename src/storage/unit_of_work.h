#pragma once

#include <functional>

#include "booking/transaction.h"
#include "catalog/transaction.h"
#include "core/clock.h"
#include "family/transaction.h"
#include "identity/transaction.h"
#include "jobs/transaction.h"
#include "storage/database.h"
#include "storage/notify/sql_outbox.h"

namespace guichet::storage {

// Every module's unit of work on the SQL database (both backends): one database transaction per business step, and
// on it every store a module's Transaction interface offers. A new domain module adds its store to SqlTransaction
// and its interface to the list SqlUnitOfWork derives from (storage/unit_of_work.cpp): nothing else changes.
// `on_mail_queued` is called after a transaction that queued mail commits, so that the sender can look at once.
// Thread-safe: each call takes its own connection from the pool.
class SqlUnitOfWork;

// Every store of every module on one transaction: what SqlUnitOfWork::run hands to a unit of work, which sees it
// through its module's Transaction interface.
// (booking::Transaction holds family, identity and catalog; each once, as virtual bases.)
class AllStores : public booking::Transaction, public jobs::Transaction {};

template <class Transaction>
class SqlWorkFor : public core::UnitOfWork<Transaction> {
  public:
    [[nodiscard]] core::Status write(const std::function<core::Status(Transaction&)>& work) override;
    [[nodiscard]] core::Status read(const std::function<core::Status(Transaction&)>& work) override;
};

class SqlUnitOfWork final : public SqlWorkFor<identity::Transaction>,
                            public SqlWorkFor<family::Transaction>,
                            public SqlWorkFor<jobs::Transaction>,
                            public SqlWorkFor<catalog::Transaction>,
                            public SqlWorkFor<booking::Transaction> {
  public:
    SqlUnitOfWork(Database& database, const core::Clock& clock, MailDelivery delivery,
                  std::function<void()> on_mail_queued = {})
        : m_database(database), m_clock(clock), m_delivery(delivery), m_on_mail_queued(std::move(on_mail_queued)) {}

    // The unit of work as each module sees it.
    [[nodiscard]] identity::UnitOfWork& identity() { return *this; }
    [[nodiscard]] family::UnitOfWork& family() { return *this; }
    [[nodiscard]] jobs::UnitOfWork& jobs() { return *this; }
    [[nodiscard]] catalog::UnitOfWork& catalog() { return *this; }
    [[nodiscard]] booking::UnitOfWork& booking() { return *this; }

    [[nodiscard]] Database& database() { return m_database; }

  private:
    template <class Transaction>
    friend class SqlWorkFor;

    // Runs work on a transaction of every store, committed (write) or not even opened (read).
    [[nodiscard]] core::Status run(bool write, const std::function<core::Status(AllStores&)>& work);

    Database& m_database;
    const core::Clock& m_clock;
    MailDelivery m_delivery;
    std::function<void()> m_on_mail_queued;
};

}  // namespace guichet::storage
