#pragma once

#include <functional>

#include "core/clock.h"
#include "identity/identity_store.h"
#include "storage/database.h"
#include "storage/sql_shared.h"

namespace guichet::storage {

// IdentityStore on the SQL database (both backends). `on_mail_queued` is called after a transaction that queued
// mail commits, so that the sender can look at once.
class SqlIdentityStore final : public identity::IdentityStore {
  public:
    SqlIdentityStore(Database& database, const core::Clock& clock, MailDelivery delivery,
                     std::function<void()> on_mail_queued = {})
        : m_database(database), m_clock(clock), m_delivery(delivery), m_on_mail_queued(std::move(on_mail_queued)) {}

    [[nodiscard]] core::Status transact(
        const std::function<core::Status(identity::IdentityTransaction&)>& work) override;
    [[nodiscard]] core::Status read(const std::function<core::Status(identity::IdentityTransaction&)>& work) override;

  private:
    Database& m_database;
    const core::Clock& m_clock;
    MailDelivery m_delivery;
    std::function<void()> m_on_mail_queued;
};

}  // namespace guichet::storage
