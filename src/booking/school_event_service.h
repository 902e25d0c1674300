#pragma once

#include <vector>

#include "booking/booking_service.h"
#include "booking/school_event.h"
#include "booking/transaction.h"
#include "catalog/catalog_cache.h"
#include "core/clock.h"

namespace guichet::booking {

// What an agent declares: a site, the days from `first` to `last` (included), the kind, and the activities it
// cancels there.
struct SchoolEventInput {
    core::SiteId site{0};
    core::CivilDate first = core::CivilDate::from_sys_days(date::sys_days{});
    core::CivilDate last = core::CivilDate::from_sys_days(date::sys_days{});
    SchoolEventKind kind = SchoolEventKind::strike;
    std::vector<core::ActivityId> activities;
};

// What declaring or undoing did: the event, the days it cancelled (or restored), the days it could not restore
// (their place taken meanwhile), and how many households were told.
struct SchoolEventOutcome {
    SchoolEvent event;
    int days = 0;
    int not_restored = 0;
    int households = 0;
};

// An event and how many days it cancelled, for the agents' list.
struct SchoolEventEntry {
    SchoolEvent event;
    int cancelled = 0;
};

// The agents' school events (grève, enseignant absent, sortie scolaire, fermeture). Each step runs in one unit of
// work: the event row (who declared or undid it, when), every day it cancels or restores with its place and its
// history row on the child ("day_cancelled_event", "day_restored_event", "day_not_restored_event": the agent,
// the channel guichet, the event), and one mail per household listing its children's days.
class SchoolEventService {
  public:
    SchoolEventService(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    // Declares an event and cancels, free of charge and never counted late, every booked day of its activities at
    // its site on its days, freeing their places; new bookings of those days are refused while it is active. Fails,
    // writing nothing, with invalid_input for a site or activity of no use (fields "site", "activite"), a range that
    // is reversed, longer than 31 days or in the past (fields "du", "au": "err_event_range", "err_event_past").
    [[nodiscard]] core::Result<SchoolEventOutcome> declare(const Scope& scope, const Actor& agent,
                                                           const SchoolEventInput& input);
    // Undoes an active event: every day it cancelled is booked again as it was when its place is still free and the
    // child has not booked it again; the others stay cancelled (counted in not_restored, with their history row).
    // The families are told. not_found for an id of another commune, conflict "err_event_undone" when undone already.
    [[nodiscard]] core::Result<SchoolEventOutcome> undo(const Scope& scope, const Actor& agent, SchoolEventId id);
    // The commune's events, latest first, with the days each cancelled.
    [[nodiscard]] core::Result<std::vector<SchoolEventEntry>> events(const Scope& scope);

  private:
    UnitOfWork& m_work;
    const core::Clock& m_clock;
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
