#include "booking/reminder_service.h"

#include <map>

#include "booking/reminders.h"
#include "identity/account.h"

namespace guichet::booking {
namespace {

// The mail of one reminder to one representative, at his account's address.
notify::MailRequest reminder_mail(const Scope& scope, const family::Representative& person, const std::string& to,
                                  const DueReminder& reminder) {
    std::map<std::string, std::string> variables = {
        {"civility", std::string(identity::civility_name(person.civility))},
        {"first_name", person.first_name},
        {"last_name", person.last_name},
        {"child", reminder.child.first_name},
        {"child_id", std::to_string(reminder.child.id.value())},
        {"activity", reminder.activity_name},
        {"days", std::to_string(reminder.days_left)},
        {"deadline_us", std::to_string(reminder.deadline.time_since_epoch().count())},
        {"step", std::string(reminder_step_name(reminder.step))}};
    if (reminder.session) {
        variables["period"] = reminder.session_name;
    }
    if (reminder.month) {
        variables["month"] = std::to_string(reminder.month->month());
        variables["year"] = std::to_string(reminder.month->year());
        variables["mois"] = reminder.month->to_iso().substr(0, 7);
    }
    return {scope.commune, to, "booking_reminder", "fr", std::move(variables)};
}

// Sends the reminders due for one child, in the caller's transaction; returns how many were sent.
core::Result<std::size_t> remind_child(Transaction& tx, const Scope& scope, const catalog::Catalog& catalog,
                                       const ReminderChild& child, const std::vector<Enrolment>& enrolments,
                                       core::Instant now) {
    const core::CivilDate today = scope.zone.today(now);
    GUICHET_TRY(bookings, tx.booking().bookings_of_child(scope.commune, child.id, today, today.add_days(400)));
    const ReminderPlanner planner(catalog, scope.zone, ReminderTiming::of(catalog.settings));
    GUICHET_TRY(due, planner.due(child, enrolments, bookings, now));
    std::size_t sent = 0;
    for (const DueReminder& reminder : due) {
        GUICHET_TRY(first_time,
                    tx.agenda().mark_sent({scope.commune, child.id, reminder.deadline_key, reminder.step, now}));
        if (!first_time) {
            continue;  // another tick sent it
        }
        ++sent;
        GUICHET_TRY(people, tx.family().representatives_of(scope.commune, child.household));
        for (const family::Representative& person : people) {
            if (!person.account) {
                continue;  // no account: the reminders are a choice made on "Mon compte"
            }
            GUICHET_TRY(account, tx.identity().find_account(scope.commune, *person.account));
            if (!account || account->status != identity::AccountStatus::active || account->email.empty()) {
                continue;
            }
            GUICHET_TRY(wanted, tx.agenda().reminders_wanted(scope.commune, *person.account));
            if (!wanted) {
                continue;
            }
            GUICHET_TRY_STATUS(tx.outbox().enqueue(reminder_mail(scope, person, account->email, reminder)));
            GUICHET_TRY_STATUS(tx.booking().record(
                {scope.commune, child.household, child.id, *person.account, BookingChannel::portal, "reminder_sent",
                 reminder.deadline_key + " " + std::string(reminder_step_name(reminder.step)), "", now}));
        }
    }
    return sent;
}

}  // namespace

core::Result<std::size_t> ReminderService::send_due(const Scope& scope, core::Instant now) {
    std::shared_ptr<const catalog::Catalog> catalog;
    std::map<long long, std::vector<Enrolment>> by_child;
    std::vector<ReminderChild> children;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        catalog = entry.catalog;
        GUICHET_TRY(enrolments, tx.agenda().accepted_enrolments(scope.commune));
        std::vector<core::ChildId> ids;
        for (const Enrolment& enrolment : enrolments) {
            auto& list = by_child[enrolment.child.value()];
            if (list.empty()) {
                ids.push_back(enrolment.child);
                children.push_back({enrolment.child, enrolment.household, ""});
            }
            list.push_back(enrolment);
        }
        GUICHET_TRY(found, tx.family().children_by_ids(scope.commune, ids));
        for (ReminderChild& child : children) {
            for (const family::Child& one : found) {
                if (one.id == child.id) {
                    child.first_name = one.first_name;
                }
            }
        }
        return {};
    }));
    std::size_t sent = 0;
    for (const ReminderChild& child : children) {
        GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
            GUICHET_TRY(count, remind_child(tx, scope, *catalog, child, by_child[child.id.value()], now));
            sent += count;
            return {};
        }));
    }
    return sent;
}

core::Result<bool> ReminderService::wanted(const Scope& scope, core::AccountId account) {
    bool wanted = true;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(value, tx.agenda().reminders_wanted(scope.commune, account));
        wanted = value;
        return {};
    }));
    return wanted;
}

core::Status ReminderService::set_wanted(const Scope& scope, const Actor& actor, bool wanted, core::Instant now) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(before, tx.agenda().reminders_wanted(scope.commune, actor.account));
        if (before == wanted) {
            return {};
        }
        GUICHET_TRY_STATUS(tx.agenda().set_reminders_wanted(scope.commune, actor.account, wanted, now));
        return tx.audit().record(
            {scope.commune, actor.account, std::nullopt, wanted ? "reminders_on" : "reminders_off", actor.ip, "", now});
    });
}

}  // namespace guichet::booking
