#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/enrolment.h"
#include "core/ids.h"
#include "core/instant.h"
#include "core/result.h"

namespace guichet::booking {

// Which reminder of a deadline: the first (reminder_first_days before it) or the second (reminder_second_days).
enum class ReminderStep { first, second };

[[nodiscard]] std::string_view reminder_step_name(ReminderStep step);

// A reminder already sent: one per commune, child, deadline and step, whatever the number of processes ticking.
struct SentReminder {
    core::CommuneId commune{0};
    core::ChildId child{0};
    std::string deadline_key;  // "session-12", "month-3-2026-11": what the deadline is for
    ReminderStep step = ReminderStep::first;
    core::Instant sent_at{};
};

// A parent's private calendar feed (abonnement agenda): only the digest of its token is stored.
struct CalendarFeed {
    core::CommuneId commune{0};
    core::AccountId account{0};
    std::string token_digest;
    core::Instant created_at{};
};

// What a family receives about its bookings outside the portal's pages: the reminders before a deadline, the
// account's choice to receive them, and the calendar feed. Inside the transaction of the step holding it
// (booking::Transaction); every lookup is scoped by commune.
class AgendaStore {
  public:
    virtual ~AgendaStore() = default;

    // Records that a reminder left. Returns false, writing nothing, when the same (commune, child, deadline, step)
    // is already recorded: the database holds the rule, so that of two transactions sending the same reminder at
    // once only one commits its mail.
    [[nodiscard]] virtual core::Result<bool> mark_sent(const SentReminder& reminder) = 0;

    // The commune's accepted enrolments, by child then id: the children a reminder may concern.
    [[nodiscard]] virtual core::Result<std::vector<Enrolment>> accepted_enrolments(core::CommuneId commune) = 0;

    // Whether the account receives reminders: true unless it turned them off.
    [[nodiscard]] virtual core::Result<bool> reminders_wanted(core::CommuneId commune, core::AccountId account) = 0;
    [[nodiscard]] virtual core::Status set_reminders_wanted(core::CommuneId commune, core::AccountId account,
                                                            bool wanted, core::Instant at) = 0;

    // The account's active feed, or std::nullopt.
    [[nodiscard]] virtual core::Result<std::optional<CalendarFeed>> feed_of(core::CommuneId commune,
                                                                            core::AccountId account) = 0;
    // The active feed with this token digest, or std::nullopt (unknown or revoked).
    [[nodiscard]] virtual core::Result<std::optional<CalendarFeed>> feed_by_digest(core::CommuneId commune,
                                                                                   std::string_view digest) = 0;
    // Stores a new active feed for the account. REQUIRES: the account has none active (revoke_feed first).
    [[nodiscard]] virtual core::Status insert_feed(const CalendarFeed& feed) = 0;
    // Revokes the account's active feed; returns false when it had none.
    [[nodiscard]] virtual core::Result<bool> revoke_feed(core::CommuneId commune, core::AccountId account,
                                                         core::Instant at) = 0;
};

}  // namespace guichet::booking
