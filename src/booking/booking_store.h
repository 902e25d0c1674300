#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "booking/day_booking.h"
#include "booking/enrolment.h"
#include "booking/waiting_offer.h"
#include "core/result.h"

namespace guichet::booking {

// One line of the booking history: who enrolled, booked or cancelled what, for which child, when, from where, and
// whether an agent acted on the family's behalf (channel guichet).
struct BookingEvent {
    core::CommuneId commune{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::AccountId actor{0};
    BookingChannel channel = BookingChannel::portal;
    // "enrolment_requested", "enrolment_accepted", "enrolment_refused", "enrolment_withdrawn", "day_booked",
    // "day_cancelled"
    std::string kind;
    std::string detail;  // the activity's code and the day, the timing or billing: "tram 2026-11-12 late"
    std::string ip;
    core::Instant at{};

    friend bool operator==(const BookingEvent&, const BookingEvent&) = default;
};

// A child on the waiting list of a full day of an activity (at his site), in the order families joined. The offers
// of a freed place to the first one come later ([G6]); until then the family sees its position.
struct WaitingEntry {
    core::WaitingEntryId id{0};
    core::CommuneId commune{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::ActivityId activity{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    core::AccountId joined_by{0};
    core::Instant joined_at{};
    bool waiting = true;  // false once the family left the list
};

// The places taken on one day of one activity at one site.
struct DayPlaces {
    core::ActivityId activity{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
};

// Enrolments, booked days and the count of places taken per day, inside the transaction of the step that holds this
// store (booking::Transaction). Every lookup is scoped by commune: an id of another commune is not found.
class BookingStore {
  public:
    virtual ~BookingStore() = default;

    // Stores a new enrolment and returns its id. Fails with conflict "err_enrolment_exists" when the child already
    // has an active (pending or accepted) enrolment in that activity for that period: the database holds the rule.
    [[nodiscard]] virtual core::Result<core::EnrolmentId> insert_enrolment(const Enrolment& enrolment) = 0;
    // Writes back what advance() changed (status, reason, decision) when the stored enrolment is still `expected`;
    // returns false, writing nothing, when it is not (another agent decided meanwhile).
    [[nodiscard]] virtual core::Result<bool> update_enrolment(const Enrolment& enrolment, EnrolmentStatus expected) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Enrolment>> find_enrolment(core::CommuneId commune,
                                                                                core::EnrolmentId id) = 0;
    // The child's enrolments, every status, newest first.
    [[nodiscard]] virtual core::Result<std::vector<Enrolment>> enrolments_of_child(core::CommuneId commune,
                                                                                   core::ChildId child) = 0;
    // The commune's enrolments waiting for an agent, oldest first.
    [[nodiscard]] virtual core::Result<std::vector<Enrolment>> pending_enrolments(core::CommuneId commune) = 0;

    // Takes one place of `places` when fewer than `capacity` are taken, as one atomic step (two transactions taking
    // the last place at once: one gets it, the other waits for it and sees the day full). Returns false, taking
    // nothing, when the day is full.
    [[nodiscard]] virtual core::Result<bool> take_place(core::CommuneId commune, const DayPlaces& places,
                                                        int capacity) = 0;
    // Gives back one place of `places` (a cancellation). Never goes below zero.
    [[nodiscard]] virtual core::Status release_place(core::CommuneId commune, const DayPlaces& places) = 0;
    // The places taken per day of an activity at a site, from `first` to `last` included; days with none are absent.
    [[nodiscard]] virtual core::Result<std::map<core::CivilDate, int>> places_taken(core::CommuneId commune,
                                                                                    core::ActivityId activity,
                                                                                    core::SiteId site,
                                                                                    core::CivilDate first,
                                                                                    core::CivilDate last) = 0;

    // Stores a booked day and returns its id. Fails with conflict "err_day_already_booked" when the child already
    // has that day of that activity booked.
    [[nodiscard]] virtual core::Result<core::BookingId> insert_booking(const DayBooking& booking) = 0;
    // Records the cancellation of a booked day (status, who, when, billing) when it is still booked; returns false,
    // writing nothing, when it is not.
    [[nodiscard]] virtual core::Result<bool> cancel_booking(const DayBooking& cancelled) = 0;
    [[nodiscard]] virtual core::Result<std::optional<DayBooking>> find_booking(core::CommuneId commune,
                                                                               core::BookingId id) = 0;
    // The child's bookings (booked and cancelled) of days from `first` to `last` included, by day then activity.
    [[nodiscard]] virtual core::Result<std::vector<DayBooking>> bookings_of_child(core::CommuneId commune,
                                                                                  core::ChildId child,
                                                                                  core::CivilDate first,
                                                                                  core::CivilDate last) = 0;

    // Puts the child on the day's waiting list. Fails with conflict "err_waiting_already" when he is on it.
    [[nodiscard]] virtual core::Result<core::WaitingEntryId> join_waiting_list(const WaitingEntry& entry) = 0;
    // Takes the child off the day's list; returns false when he was not on it.
    [[nodiscard]] virtual core::Result<bool> leave_waiting_list(core::CommuneId commune, core::ChildId child,
                                                                core::ActivityId activity, core::CivilDate day,
                                                                core::Instant at) = 0;
    // The child's places on waiting lists from `first` to `last`: (activity, day) → position, 1 for the first.
    [[nodiscard]] virtual core::Result<std::map<std::pair<long long, core::CivilDate>, int>> waiting_positions(
        core::CommuneId commune, core::ChildId child, core::CivilDate first, core::CivilDate last) = 0;

    [[nodiscard]] virtual core::Status record(const BookingEvent& event) = 0;
    // The child's history, oldest first.
    [[nodiscard]] virtual core::Result<std::vector<BookingEvent>> history(core::CommuneId commune,
                                                                          core::ChildId child) = 0;

    // Waiting-list offers ([G6]). Holds the day's counter of places until the transaction ends (PostgreSQL: a row
    // lock), so that two steps handing on places of the same day offer them to two different children.
    [[nodiscard]] virtual core::Status lock_day_places(core::CommuneId commune, const DayPlaces& places) = 0;
    // The children still waiting for the day (activity, site, day), the first joined first.
    [[nodiscard]] virtual core::Result<std::vector<WaitingEntry>> waiting_on_day(core::CommuneId commune,
                                                                                 const DayPlaces& places) = 0;
    // Every entry still waiting for a day from `from` on, by activity, site, day, then the first joined first.
    [[nodiscard]] virtual core::Result<std::vector<WaitingEntry>> waiting_from(core::CommuneId commune,
                                                                               core::CivilDate from) = 0;
    // Stores an offer (status offered). Fails with conflict "err_offer_exists" when the entry has one offered.
    [[nodiscard]] virtual core::Result<core::WaitingOfferId> insert_offer(const WaitingOffer& offer) = 0;
    [[nodiscard]] virtual core::Result<std::optional<WaitingOffer>> find_offer(core::CommuneId commune,
                                                                               core::WaitingOfferId id) = 0;
    [[nodiscard]] virtual core::Result<std::optional<WaitingOffer>> find_offer_by_token(
        core::CommuneId commune, const std::string& token_digest) = 0;
    // Moves an offer from offered to `status`, with who (none through the mail or the timer), when and how; returns
    // false, writing nothing, when it is no longer offered (accepted twice: one booking).
    [[nodiscard]] virtual core::Result<bool> close_offer(core::CommuneId commune, core::WaitingOfferId id,
                                                         OfferStatus status, core::Instant at,
                                                         std::optional<core::AccountId> by, OfferChannel channel) = 0;
    // The offers of the days from `from` on (every status), by day then id.
    [[nodiscard]] virtual core::Result<std::vector<WaitingOffer>> offers_from(core::CommuneId commune,
                                                                              core::CivilDate from) = 0;
    // The child's offers still offered, by day.
    [[nodiscard]] virtual core::Result<std::vector<WaitingOffer>> open_offers_of_child(core::CommuneId commune,
                                                                                       core::ChildId child) = 0;
    // The offers still offered whose expiry is at or before `at`, oldest expiry first.
    [[nodiscard]] virtual core::Result<std::vector<WaitingOffer>> offers_due(core::CommuneId commune,
                                                                             core::Instant at) = 0;
};

}  // namespace guichet::booking
