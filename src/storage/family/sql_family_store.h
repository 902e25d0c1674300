#pragma once

#include <functional>

#include "core/clock.h"
#include "family/family_store.h"
#include "storage/database.h"
#include "storage/sql_identity_store.h"

namespace guichet::storage {

// FamilyStore on the SQL database (both backends).
class SqlFamilyStore final : public family::FamilyStore {
  public:
    SqlFamilyStore(Database& database, const core::Clock& clock, MailDelivery delivery,
                   std::function<void()> on_mail_queued = {})
        : m_database(database), m_clock(clock), m_delivery(delivery), m_on_mail_queued(std::move(on_mail_queued)) {}

    [[nodiscard]] core::Status transact(const std::function<core::Status(family::FamilyTransaction&)>& work) override;
    [[nodiscard]] core::Status read(const std::function<core::Status(family::FamilyTransaction&)>& work) override;

  private:
    Database& m_database;
    const core::Clock& m_clock;
    MailDelivery m_delivery;
    std::function<void()> m_on_mail_queued;
};

}  // namespace guichet::storage
