#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/booking_summary.h"
#include "booking/day_booking.h"
#include "booking/enrolment.h"
#include "booking/explanation.h"
#include "booking/transaction.h"
#include "booking/waiting_offer.h"
#include "booking/weekly_pattern.h"
#include "catalog/activity.h"
#include "catalog/catalog_cache.h"
#include "core/clock.h"
#include "core/time_zone.h"

namespace guichet::booking {

// Who acts, and from where: a parent on the children of the households he represents, or an agent of the commune on
// the household he has open at the guichet (`household`), which makes the channel "guichet".
struct Actor {
    core::AccountId account{0};
    BookingChannel channel = BookingChannel::portal;
    std::optional<core::HouseholdId> household;  // an agent's: the household he acts for
    std::string ip;
};

// The commune a use case runs in, with its time zone: deadlines are read on its clocks.
struct Scope {
    core::CommuneId commune{0};
    core::TimeZone zone;
};

// An enrolment waiting for an agent, with what the agent needs to know whose it is.
struct PendingEnrolment {
    Enrolment enrolment;
    std::string child_name;           // "Rémi DUPONT"
    std::string household_reference;  // "F000123"
};

// What the family asks to enrol in.
struct EnrolmentRequest {
    core::ChildId child{0};
    core::ActivityId activity{0};
    EnrolmentPeriod period;
    core::SiteId site{0};
};

// The days of one activity the family chose to book or cancel.
struct DaySelection {
    core::ActivityId activity{0};
    std::vector<core::CivilDate> days;
};

// How far a weekly pattern runs: to the first day of the next school holidays, or to the end of the school year.
enum class PatternEnd { next_holidays, end_of_school_year };

// A booking by weekly pattern (or, with every weekday the activity opens, for the whole year), from a day.
struct PatternRequest {
    core::ActivityId activity{0};
    WeeklyPattern pattern;
    core::CivilDate from = core::CivilDate::from_sys_days(date::sys_days{});
    PatternEnd end = PatternEnd::end_of_school_year;
};

// One day of one activity on a child's calendar: what booking it would do now, and what is booked.
struct CalendarDay {
    core::CivilDate day;
    Explanation explanation;
    std::optional<DayBooking> booking;    // the day booked (status booked), if it is
    core::Money price;                    // what booking it now costs (with the surcharge when late)
    std::optional<int> waiting_position;  // on a full day, the child's place on its waiting list (1: first)
    std::optional<WaitingOffer> offer;    // a freed place offered to the child that day, still open ([G6])
};

// A month of one activity the child is enrolled in, at his site.
struct ActivityMonth {
    catalog::Activity activity;
    core::SiteId site{0};
    std::vector<CalendarDay> days;  // every day of the month the enrolment covers
};

// A child's month: one entry per activity he is enrolled in (accepted) for a period that meets the month.
struct ChildMonth {
    core::ChildId child{0};
    std::string child_name;  // his first name, for the page's title
    core::CivilDate first_day = core::CivilDate::from_sys_days(date::sys_days{});  // the 1st of the month
    std::vector<ActivityMonth> activities;
};

// A day of the child's agenda: what is booked for him that day.
struct AgendaDay {
    core::CivilDate day;
    std::vector<catalog::Activity> activities;  // in the catalogue's order
};

// What a batch of days would do, before the family confirms it: the summary of the rules engine, plus the days
// already booked (left out of the batch) and a fingerprint of the lines, which the confirmation must match.
struct BookingPlan {
    catalog::Activity activity;
    BookingSummary summary;
    std::vector<core::CivilDate> already_booked;
    std::string fingerprint;
};

// The result of a confirmation: booked, or nothing written because the plan changed since the family saw it (a day
// filled up, a deadline passed); then `plan` is the new one to show.
struct Confirmation {
    enum class Outcome { booked, changed };
    Outcome outcome = Outcome::booked;
    BookingPlan plan;
    std::vector<core::BookingId> booked;
};

// A cancellation line: the booked day, and what cancelling it now does.
struct CancellationLine {
    DayBooking booking;
    CancellationDecision decision = CancellationDecision::closed;
    core::Money billed;  // what the family still pays for the day once cancelled
};

struct CancellationPlan {
    catalog::Activity activity;
    std::vector<CancellationLine> lines;
    std::vector<core::CivilDate> not_booked;  // chosen days with nothing booked
    int free_count = 0;
    int billed_count = 0;
    int closed_count = 0;
    std::string fingerprint;
};

struct CancellationOutcome {
    Confirmation::Outcome outcome = Confirmation::Outcome::booked;
    CancellationPlan plan;
    int cancelled = 0;
};

// The use cases of enrolment and booking. Each runs in one unit of work: its ownership check (the child is one of
// the parent's, or of the household the agent has open), its rows, its places and its history commit together.
// Children of other households and ids of other communes are not found (not_found "err_booking_child_unknown").
class BookingService {
  public:
    BookingService(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    // Enrols a child: accepted at once, or pending when the activity needs an agent. Field errors (activity, period,
    // site, eligibility) come back in `errors`, writing nothing.
    [[nodiscard]] core::Result<std::optional<Enrolment>> enrol(const Scope& scope, const Actor& actor,
                                                               const EnrolmentRequest& request,
                                                               std::vector<core::Error>& errors);
    [[nodiscard]] core::Result<std::vector<Enrolment>> enrolments(const Scope& scope, const Actor& actor,
                                                                  core::ChildId child);
    // An agent's decision on a pending enrolment (accept, or refuse with a reason), told to the family by mail.
    [[nodiscard]] core::Result<Enrolment> decide(const Scope& scope, const Actor& agent, core::EnrolmentId id,
                                                 EnrolmentStep step, const std::string& reason);
    // The commune's enrolments waiting for an agent, oldest first, each with whom it is for.
    [[nodiscard]] core::Result<std::vector<PendingEnrolment>> pending(const Scope& scope);

    // The decision on booking `day` of the activity with this code at `at`, as `guichet rules explain` prints it.
    // With a child, his enrolment, his site and the places left there are judged; without, only the calendar (the
    // day has service when the activity runs at any of its sites) and the deadlines. Fails with not_found
    // "err_activity_unknown" (field "activity") for a code the commune lacks.
    [[nodiscard]] core::Result<Explanation> explain(const Scope& scope, std::string_view activity_code,
                                                    core::CivilDate day, core::Instant at,
                                                    std::optional<core::ChildId> child);

    // The child's month, from `first_day`'s month.
    [[nodiscard]] core::Result<ChildMonth> month(const Scope& scope, const Actor& actor, core::ChildId child,
                                                 core::CivilDate first_day);

    // The child's agenda: his booked days from `first` to `last` (included), each with its activities.
    [[nodiscard]] core::Result<std::vector<AgendaDay>> agenda(const Scope& scope, const Actor& actor,
                                                              core::ChildId child, core::CivilDate first,
                                                              core::CivilDate last);

    // The days of a pattern that the activity runs at the child's site, from `from` (not before today) to the
    // pattern's end in the school year holding `from`. Fails with invalid_input "err_booking_no_school_year" (field
    // "from") when no school year of the commune holds `from`.
    [[nodiscard]] core::Result<DaySelection> pattern_days(const Scope& scope, const Actor& actor, core::ChildId child,
                                                          const PatternRequest& request);

    // What booking the selection would do now. Fails with not_found "err_activity_unknown" for an activity the
    // commune lacks.
    [[nodiscard]] core::Result<BookingPlan> plan(const Scope& scope, const Actor& actor, core::ChildId child,
                                                 const DaySelection& selection);
    // Books the days of the plan whose fingerprint the family saw, in one transaction: every day bookable, or none.
    [[nodiscard]] core::Result<Confirmation> confirm(const Scope& scope, const Actor& actor, core::ChildId child,
                                                     const DaySelection& selection, const std::string& fingerprint);

    // Puts the child on the waiting list of a full day (the offer of a freed place comes later); returns his
    // position. Fails with conflict "err_waiting_not_full" when the day is not full now (book it instead, or it is
    // closed), "err_waiting_already" when he is on the list.
    [[nodiscard]] core::Result<int> join_waiting_list(const Scope& scope, const Actor& actor, core::ChildId child,
                                                      core::ActivityId activity, core::CivilDate day);
    // Takes the child off a day's waiting list; false when he was not on it.
    [[nodiscard]] core::Result<bool> leave_waiting_list(const Scope& scope, const Actor& actor, core::ChildId child,
                                                        core::ActivityId activity, core::CivilDate day);

    [[nodiscard]] core::Result<CancellationPlan> plan_cancellation(const Scope& scope, const Actor& actor,
                                                                   core::ChildId child, const DaySelection& selection);
    // Cancels the booked days of the plan whose fingerprint the family saw, in one transaction; the days no longer
    // cancellable stay booked. When the plan changed (a deadline passed, another request cancelled a day meanwhile)
    // nothing is written and `plan` is the new one.
    [[nodiscard]] core::Result<CancellationOutcome> cancel(const Scope& scope, const Actor& actor, core::ChildId child,
                                                           const DaySelection& selection,
                                                           const std::string& fingerprint);

  private:
    UnitOfWork& m_work;
    const core::Clock& m_clock;
    // The commune's catalogue, read again only when its version moved (every step checks it in its transaction).
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
