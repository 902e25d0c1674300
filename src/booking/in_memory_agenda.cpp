#include "booking/in_memory_agenda.h"

#include <algorithm>

namespace guichet::booking::testing {

core::Result<bool> InMemoryAgendaStore::mark_sent(const SentReminder& reminder) {
    const bool already = std::any_of(m_state.sent.begin(), m_state.sent.end(), [&](const SentReminder& sent) {
        return sent.commune == reminder.commune && sent.child == reminder.child &&
               sent.deadline_key == reminder.deadline_key && sent.step == reminder.step;
    });
    if (already) {
        return false;
    }
    m_state.sent.push_back(reminder);
    return true;
}

core::Result<std::vector<Enrolment>> InMemoryAgendaStore::accepted_enrolments(core::CommuneId commune) {
    std::vector<Enrolment> found;
    for (const Enrolment& enrolment : m_enrolments) {
        if (enrolment.commune == commune && enrolment.status == EnrolmentStatus::accepted) {
            found.push_back(enrolment);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Enrolment& a, const Enrolment& b) {
        return a.child.value() != b.child.value() ? a.child.value() < b.child.value() : a.id.value() < b.id.value();
    });
    return found;
}

core::Result<bool> InMemoryAgendaStore::reminders_wanted(core::CommuneId commune, core::AccountId account) {
    const auto it = m_state.wanted.find({commune.value(), account.value()});
    return it == m_state.wanted.end() || it->second;
}

core::Status InMemoryAgendaStore::set_reminders_wanted(core::CommuneId commune, core::AccountId account, bool wanted,
                                                       core::Instant) {
    m_state.wanted[{commune.value(), account.value()}] = wanted;
    return {};
}

core::Result<std::optional<CalendarFeed>> InMemoryAgendaStore::feed_of(core::CommuneId commune,
                                                                       core::AccountId account) {
    for (const AgendaState::Feed& feed : m_state.feeds) {
        if (!feed.revoked && feed.feed.commune == commune && feed.feed.account == account) {
            return std::optional(feed.feed);
        }
    }
    return std::optional<CalendarFeed>();
}

core::Result<std::optional<CalendarFeed>> InMemoryAgendaStore::feed_by_digest(core::CommuneId commune,
                                                                              std::string_view digest) {
    for (const AgendaState::Feed& feed : m_state.feeds) {
        if (!feed.revoked && feed.feed.commune == commune && feed.feed.token_digest == digest) {
            return std::optional(feed.feed);
        }
    }
    return std::optional<CalendarFeed>();
}

core::Status InMemoryAgendaStore::insert_feed(const CalendarFeed& feed) {
    m_state.feeds.push_back({feed, false});
    return {};
}

core::Result<bool> InMemoryAgendaStore::revoke_feed(core::CommuneId commune, core::AccountId account, core::Instant) {
    bool revoked = false;
    for (AgendaState::Feed& feed : m_state.feeds) {
        if (!feed.revoked && feed.feed.commune == commune && feed.feed.account == account) {
            feed.revoked = true;
            revoked = true;
        }
    }
    return revoked;
}

}  // namespace guichet::booking::testing
