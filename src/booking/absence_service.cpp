#include "booking/absence_service.h"

#include <algorithm>

#include "booking/family_reach.h"

namespace guichet::booking {
namespace {

// A report covers at most this many days: longer absences are the agents' business (a withdrawal).
constexpr int kMostDays = 62;

BookingEvent event_of(const Scope& scope, const Actor& actor, const Absence& absence, std::string kind,
                      std::string detail, core::Instant at) {
    return {scope.commune,     absence.household, absence.child,
            actor.account,     actor.channel,     std::move(kind),
            std::move(detail), actor.ip,          at};
}

std::string detail_of(const catalog::Catalog& catalog, const Absence& absence) {
    const catalog::Activity* activity = catalog.activity(absence.activity);
    return (activity != nullptr ? activity->code : std::string("?")) + " " + absence.day.to_iso() + " " +
           std::string(absence_reason_name(absence.reason));
}

core::Status check_request(const AbsenceRequest& request, core::CivilDate today, int past_days) {
    if (request.last < request.first || request.first.days_until(request.last) >= kMostDays) {
        return core::fail(core::ErrorCode::invalid_input, "err_absence_range", "au");
    }
    if (request.reason == AbsenceReason::other && request.note.find_first_not_of(" \t\r\n") == std::string::npos) {
        return core::fail(core::ErrorCode::invalid_input, "err_absence_note", "precision");
    }
    return absence_window(request.first, today, past_days);
}

}  // namespace

core::Result<std::vector<Absence>> AbsenceService::report(const Scope& scope, const Actor& actor, core::ChildId child,
                                                          const AbsenceRequest& request) {
    const core::Instant now = m_clock.now();
    const core::CivilDate today = scope.zone.today(now);
    std::vector<Absence> reported;
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        reported.clear();
        GUICHET_TRY(who, reach_child(tx, scope, actor, child));
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        const catalog::Catalog& catalog = *entry.catalog;
        GUICHET_TRY_STATUS(check_request(request, today, catalog.settings.get("absence_past_days")));
        GUICHET_TRY(bookings, tx.booking().bookings_of_child(scope.commune, child, request.first, request.last));
        const bool illness = request.reason == AbsenceReason::illness;
        const core::CivilDate deadline = request.last.add_days(catalog.settings.get("certificate_days"));
        for (const DayBooking& booking : bookings) {
            const bool chosen = request.activities.empty() ||
                                std::find(request.activities.begin(), request.activities.end(), booking.activity) !=
                                    request.activities.end();
            if (booking.status != BookingStatus::booked || !chosen) {
                continue;
            }
            Absence absence;
            absence.commune = scope.commune;
            absence.household = booking.household;
            absence.child = child;
            absence.booking = booking.id;
            absence.activity = booking.activity;
            absence.day = booking.day;
            absence.reason = request.reason;
            absence.note = request.note;
            absence.channel = actor.channel;
            absence.reported_by = actor.account;
            absence.reported_at = now;
            absence.justification = illness ? JustificationStatus::awaited : JustificationStatus::none;
            if (illness) {
                absence.justification_deadline = deadline;
            }
            GUICHET_TRY(id, tx.absences().insert_absence(absence));
            absence.id = id;
            GUICHET_TRY_STATUS(tx.booking().record(
                event_of(scope, actor, absence, "absence_reported", detail_of(catalog, absence), now)));
            reported.push_back(std::move(absence));
        }
        (void)who;
        if (reported.empty()) {
            return core::fail(core::ErrorCode::conflict, "err_absence_not_booked");
        }
        return {};
    });
    if (!written) {
        return tl::unexpected(written.error());
    }
    return reported;
}

core::Result<std::vector<Absence>> AbsenceService::absences(const Scope& scope, const Actor& actor,
                                                            core::ChildId child) {
    std::vector<Absence> found;
    auto read = m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, reach_child(tx, scope, actor, child));
        (void)who;
        GUICHET_TRY(rows, tx.absences().absences_of_child(scope.commune, child));
        found = std::move(rows);
        return {};
    });
    if (!read) {
        return tl::unexpected(read.error());
    }
    return found;
}

core::Result<std::vector<OpenJustification>> AbsenceService::open_justifications(const Scope& scope) {
    std::vector<OpenJustification> open;
    auto read = m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(rows, tx.absences().open_justifications(scope.commune));
        std::vector<core::ChildId> children;
        std::vector<core::HouseholdId> households;
        for (const Absence& absence : rows) {
            children.push_back(absence.child);
            households.push_back(absence.household);
        }
        GUICHET_TRY(child_rows, tx.family().children_by_ids(scope.commune, children));
        GUICHET_TRY(household_rows, tx.family().households_by_ids(scope.commune, households));
        for (Absence& absence : rows) {
            OpenJustification entry{std::move(absence), {}, {}};
            for (const family::Child& child : child_rows) {
                if (child.id == entry.absence.child) {
                    entry.child_name = child.first_name + " " + child.last_name;
                }
            }
            for (const family::Household& household : household_rows) {
                if (household.id == entry.absence.household) {
                    entry.household_reference = household.reference;
                }
            }
            open.push_back(std::move(entry));
        }
        return {};
    });
    if (!read) {
        return tl::unexpected(read.error());
    }
    return open;
}

core::Result<Absence> AbsenceService::decide(const Scope& scope, const Actor& agent, AbsenceId id,
                                             JustificationStep step, const std::string& reason) {
    const core::Instant now = m_clock.now();
    const core::CivilDate today = scope.zone.today(now);
    Absence decided;
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.absences().find_absence(scope.commune, id));
        if (!found) {
            return core::fail(core::ErrorCode::not_found, "err_absence_unknown");
        }
        GUICHET_TRY(next, advance_justification(*found, step, today, reason));
        decided = *found;
        decided.justification = next;
        decided.decided_by = agent.account;
        decided.decided_at = now;
        decided.refusal_reason = next == JustificationStatus::refused ? reason : std::string();
        GUICHET_TRY(updated, tx.absences().update_justification(decided, found->justification));
        if (!updated) {
            return core::fail(core::ErrorCode::conflict, "err_justification_decided");
        }
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        const std::string kind =
            next == JustificationStatus::accepted ? "justification_accepted" : "justification_refused";
        GUICHET_TRY_STATUS(
            tx.booking().record(event_of(scope, agent, decided, kind, detail_of(*entry.catalog, decided), now)));
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, {decided.child}));
        const catalog::Activity* activity = entry.catalog->activity(decided.activity);
        return mail_household(
            tx, scope.commune, decided.household, "absence_justification_decided",
            {{"child", children.empty() ? std::string() : children.front().first_name},
             {"activity", (activity != nullptr ? activity->name : std::string()) + " – " + decided.day.format_fr()},
             {"decision", std::string(justification_status_name(next))},
             {"reason", decided.refusal_reason}});
    });
    if (!written) {
        return tl::unexpected(written.error());
    }
    return decided;
}

core::Result<Absence> AbsenceService::submit_justification(const Scope& scope, const Actor& actor, AbsenceId id,
                                                           std::optional<long long> document) {
    const core::Instant now = m_clock.now();
    const core::CivilDate today = scope.zone.today(now);
    Absence submitted;
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.absences().find_absence(scope.commune, id));
        if (!found) {
            return core::fail(core::ErrorCode::not_found, "err_absence_unknown");
        }
        // A parent reaches only his own children's absences; an agent those of the household he has open.
        GUICHET_TRY(who, reach_child(tx, scope, actor, found->child));
        (void)who;
        GUICHET_TRY(next, advance_justification(*found, JustificationStep::submit, today, {}));
        submitted = *found;
        submitted.justification = next;
        submitted.document_id = document;
        GUICHET_TRY(updated, tx.absences().update_justification(submitted, found->justification));
        if (!updated) {
            return core::fail(core::ErrorCode::conflict, "err_justification_decided");
        }
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        return tx.booking().record(
            event_of(scope, actor, submitted, "justification_submitted", detail_of(*entry.catalog, submitted), now));
    });
    if (!written) {
        return tl::unexpected(written.error());
    }
    return submitted;
}

}  // namespace guichet::booking
