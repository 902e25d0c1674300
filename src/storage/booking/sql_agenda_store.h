#pragma once

#include <soci/soci.h>

#include "booking/agenda_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// booking::AgendaStore on one SQL transaction (both backends): tables reminder_sent, reminder_preference and
// calendar_feed (migration 10). Handed out by the unit of work; lives as long as its transaction.
class SqlAgendaStore final : public booking::AgendaStore {
  public:
    SqlAgendaStore(soci::session& session, StatementCache& statements) : m_session(session), m_statements(statements) {}

    core::Result<bool> mark_sent(const booking::SentReminder& reminder) override;
    core::Result<std::vector<booking::Enrolment>> accepted_enrolments(core::CommuneId commune) override;
    core::Result<bool> reminders_wanted(core::CommuneId commune, core::AccountId account) override;
    core::Status set_reminders_wanted(core::CommuneId commune, core::AccountId account, bool wanted,
                                      core::Instant at) override;
    core::Result<std::optional<booking::CalendarFeed>> feed_of(core::CommuneId commune,
                                                               core::AccountId account) override;
    core::Result<std::optional<booking::CalendarFeed>> feed_by_digest(core::CommuneId commune,
                                                                      std::string_view digest) override;
    core::Status insert_feed(const booking::CalendarFeed& feed) override;
    core::Result<bool> revoke_feed(core::CommuneId commune, core::AccountId account, core::Instant at) override;

  private:
    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
