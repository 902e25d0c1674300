#include "booking/school_event_service.h"

#include <algorithm>
#include <map>

#include "booking/family_reach.h"
#include "catalog/service_calendar.h"

namespace guichet::booking {
namespace {

constexpr int kMostDays = 31;

core::Status check_input(const catalog::Catalog& catalog, const SchoolEventInput& input, core::CivilDate today) {
    if (catalog.site(input.site) == nullptr) {
        return core::fail(core::ErrorCode::invalid_input, "err_event_site", "site");
    }
    if (input.activities.empty()) {
        return core::fail(core::ErrorCode::invalid_input, "err_event_activity", "activite");
    }
    for (core::ActivityId id : input.activities) {
        const catalog::Activity* activity = catalog.activity(id);
        const bool served = activity != nullptr && std::any_of(activity->sites.begin(), activity->sites.end(),
                                                               [&](const auto& s) { return s.site == input.site; });
        if (!served) {
            return core::fail(core::ErrorCode::invalid_input, "err_event_activity", "activite");
        }
    }
    if (input.last < input.first || input.first.days_until(input.last) >= kMostDays) {
        return core::fail(core::ErrorCode::invalid_input, "err_event_range", "au");
    }
    if (input.first < today) {
        return core::fail(core::ErrorCode::invalid_input, "err_event_past", "du");
    }
    return {};
}

std::string detail_of(const catalog::Catalog& catalog, const DayBooking& booking, const SchoolEvent& event) {
    const catalog::Activity* activity = catalog.activity(booking.activity);
    return (activity != nullptr ? activity->code : std::string("?")) + " " + booking.day.to_iso() + " event " +
           std::to_string(event.id.value()) + " " + std::string(school_event_kind_name(event.kind));
}

// The days of each household an event touched, to tell each household once.
class HouseholdLetters {
  public:
    void add(const DayBooking& booking) { m_days[booking.household.value()].push_back(booking); }

    // One mail per household: its children's first names and their days ("Rémi – Temps du repas – 12/11/2026").
    [[nodiscard]] core::Status send(Transaction& tx, const Scope& scope, const catalog::Catalog& catalog,
                                    const SchoolEvent& event, const std::string& kind) const {
        for (const auto& [household, days] : m_days) {
            std::vector<core::ChildId> ids;
            for (const DayBooking& day : days) {
                ids.push_back(day.child);
            }
            GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, ids));
            std::string names, lines;
            for (const family::Child& child : children) {
                names += (names.empty() ? "" : ", ") + child.first_name;
            }
            for (const DayBooking& day : days) {
                std::string first_name;
                for (const family::Child& child : children) {
                    if (child.id == day.child) {
                        first_name = child.first_name;
                    }
                }
                const catalog::Activity* activity = catalog.activity(day.activity);
                lines += (lines.empty() ? "" : "\n") + first_name + " – " +
                         (activity != nullptr ? activity->name : std::string()) + " – " + day.day.format_fr();
            }
            const catalog::Site* site = catalog.site(event.site);
            GUICHET_TRY_STATUS(mail_household(tx, scope.commune, core::HouseholdId{household}, kind,
                                              {{"child", names},
                                               {"activity", lines},
                                               {"reason", site != nullptr ? site->name : std::string()},
                                               {"decision", std::string(school_event_kind_name(event.kind))}}));
        }
        return {};
    }

    [[nodiscard]] int households() const { return static_cast<int>(m_days.size()); }

  private:
    std::map<long long, std::vector<DayBooking>> m_days;
};

}  // namespace

core::Result<SchoolEventOutcome> SchoolEventService::declare(const Scope& scope, const Actor& agent,
                                                             const SchoolEventInput& input) {
    const core::Instant now = m_clock.now();
    const core::CivilDate today = scope.zone.today(now);
    SchoolEventOutcome outcome;
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        outcome = {};
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        const catalog::Catalog& catalog = *entry.catalog;
        GUICHET_TRY_STATUS(check_input(catalog, input, today));
        SchoolEvent event;
        event.commune = scope.commune;
        event.site = input.site;
        event.first_day = input.first;
        event.last_day = input.last;
        event.kind = input.kind;
        event.activities = input.activities;
        std::sort(event.activities.begin(), event.activities.end());
        event.activities.erase(std::unique(event.activities.begin(), event.activities.end()), event.activities.end());
        event.declared_by = agent.account;
        event.declared_at = now;
        GUICHET_TRY(id, tx.school_events().insert_event(event));
        event.id = id;
        HouseholdLetters letters;
        for (core::ActivityId activity : event.activities) {
            GUICHET_TRY(booked, tx.school_events().booked_days(scope.commune, activity, event.site, event.first_day,
                                                               event.last_day));
            for (const DayBooking& booking : booked) {
                DayBooking cancelled = booking;
                cancelled.status = BookingStatus::cancelled;
                cancelled.cancelled_by = agent.account;
                cancelled.cancelled_at = now;
                cancelled.cancellation = CancellationBilling::free;  // the event's: never billed, never late
                GUICHET_TRY(done, tx.booking().cancel_booking(cancelled));
                if (!done) {
                    continue;
                }
                GUICHET_TRY_STATUS(
                    tx.booking().release_place(scope.commune, {booking.activity, booking.site, booking.day}));
                GUICHET_TRY_STATUS(tx.school_events().link_cancellation(scope.commune, event.id, booking.id));
                GUICHET_TRY_STATUS(tx.booking().record({scope.commune, booking.household, booking.child, agent.account,
                                                        BookingChannel::guichet, "day_cancelled_event",
                                                        detail_of(catalog, booking, event), agent.ip, now}));
                letters.add(booking);
                ++outcome.days;
            }
        }
        GUICHET_TRY_STATUS(letters.send(tx, scope, catalog, event, "school_event_declared"));
        outcome.households = letters.households();
        outcome.event = std::move(event);
        return {};
    });
    if (!written) {
        return tl::unexpected(written.error());
    }
    return outcome;
}

core::Result<SchoolEventOutcome> SchoolEventService::undo(const Scope& scope, const Actor& agent, SchoolEventId id) {
    const core::Instant now = m_clock.now();
    SchoolEventOutcome outcome;
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        outcome = {};
        GUICHET_TRY(found, tx.school_events().find_event(scope.commune, id));
        if (!found) {
            return core::fail(core::ErrorCode::not_found, "err_event_unknown");
        }
        SchoolEvent event = *found;
        event.status = SchoolEventStatus::undone;
        event.undone_by = agent.account;
        event.undone_at = now;
        GUICHET_TRY(marked, tx.school_events().mark_undone(event));
        if (!marked) {
            return core::fail(core::ErrorCode::conflict, "err_event_undone");
        }
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        const catalog::Catalog& catalog = *entry.catalog;
        const catalog::ServiceCalendar calendar(catalog);
        GUICHET_TRY(cancelled, tx.school_events().cancelled_by(scope.commune, event.id));
        HouseholdLetters letters;
        for (const DayBooking& booking : cancelled) {
            const DayPlaces places{booking.activity, booking.site, booking.day};
            bool restored = false;
            GUICHET_TRY(place, tx.booking().take_place(scope.commune, places,
                                                       calendar.capacity(booking.activity, booking.site, booking.day)));
            if (place) {
                GUICHET_TRY(done, tx.school_events().restore_booking(scope.commune, booking.id));
                restored = done;
                if (!done) {
                    GUICHET_TRY_STATUS(tx.booking().release_place(scope.commune, places));
                }
            }
            GUICHET_TRY_STATUS(tx.booking().record({scope.commune, booking.household, booking.child, agent.account,
                                                    BookingChannel::guichet,
                                                    restored ? "day_restored_event" : "day_not_restored_event",
                                                    detail_of(catalog, booking, event), agent.ip, now}));
            if (restored) {
                ++outcome.days;
            } else {
                ++outcome.not_restored;
            }
            letters.add(booking);
        }
        GUICHET_TRY_STATUS(letters.send(tx, scope, catalog, event, "school_event_undone"));
        outcome.households = letters.households();
        outcome.event = std::move(event);
        return {};
    });
    if (!written) {
        return tl::unexpected(written.error());
    }
    return outcome;
}

core::Result<std::vector<SchoolEventEntry>> SchoolEventService::events(const Scope& scope) {
    std::vector<SchoolEventEntry> entries;
    auto read = m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(rows, tx.school_events().events(scope.commune));
        for (SchoolEvent& event : rows) {
            GUICHET_TRY(cancelled, tx.school_events().cancelled_by(scope.commune, event.id));
            entries.push_back({std::move(event), static_cast<int>(cancelled.size())});
        }
        return {};
    });
    if (!read) {
        return tl::unexpected(read.error());
    }
    return entries;
}

}  // namespace guichet::booking
