#pragma once

#include <map>
#include <utility>
#include <vector>

#include "booking/agenda_store.h"

namespace guichet::booking::testing {

// The reminders sent, the accounts' choices and the calendar feeds of the in-memory world.
struct AgendaState {
    std::vector<SentReminder> sent;
    std::map<std::pair<long long, long long>, bool> wanted;  // (commune, account) → receives reminders
    struct Feed {
        CalendarFeed feed;
        bool revoked = false;
    };
    std::vector<Feed> feeds;
};

// booking::AgendaStore on an AgendaState, with the rule the database holds (one sent reminder per commune, child,
// deadline and step); the enrolments are the booking state's.
class InMemoryAgendaStore final : public AgendaStore {
  public:
    InMemoryAgendaStore(AgendaState& state, const std::vector<Enrolment>& enrolments)
        : m_state(state), m_enrolments(enrolments) {}

    core::Result<bool> mark_sent(const SentReminder& reminder) override;
    core::Result<std::vector<Enrolment>> accepted_enrolments(core::CommuneId commune) override;
    core::Result<bool> reminders_wanted(core::CommuneId commune, core::AccountId account) override;
    core::Status set_reminders_wanted(core::CommuneId commune, core::AccountId account, bool wanted,
                                      core::Instant at) override;
    core::Result<std::optional<CalendarFeed>> feed_of(core::CommuneId commune, core::AccountId account) override;
    core::Result<std::optional<CalendarFeed>> feed_by_digest(core::CommuneId commune, std::string_view digest) override;
    core::Status insert_feed(const CalendarFeed& feed) override;
    core::Result<bool> revoke_feed(core::CommuneId commune, core::AccountId account, core::Instant at) override;

  private:
    AgendaState& m_state;
    const std::vector<Enrolment>& m_enrolments;
};

}  // namespace guichet::booking::testing
