#include "booking/booking_service.h"

#include <algorithm>
#include <map>
#include <memory>

#include "booking/deadline_rules.h"
#include "booking/school_event.h"
#include "booking/waiting_offers.h"
#include "catalog/service_calendar.h"
#include "core/text.h"

namespace guichet::booking {
namespace {

// A commune's catalogue as read by CatalogCache: shared by the requests that read the same version, never changed.
using SharedCatalog = std::shared_ptr<const catalog::Catalog>;

// The commune's catalogue in this transaction, from the service's cache (which checks its version in `tx`). The
// booking steps never change the catalogue, so that every transaction of theirs may use it.
core::Result<SharedCatalog> catalog_of(Transaction& tx, catalog::CatalogCache& catalogs, const Scope& scope) {
    GUICHET_TRY(entry, catalogs.get(tx.catalog(), scope.commune));
    return std::move(entry.catalog);
}

// The child a use case acts on, and the household it books for.
struct ChildInHousehold {
    core::HouseholdId household{0};
    family::Child child;
};

tl::unexpected<core::Error> unknown_child() {
    return core::fail(core::ErrorCode::not_found, "err_booking_child_unknown");
}

// The child when he belongs to a household the parent represents, or to the household the agent has open.
core::Result<ChildInHousehold> child_of(Transaction& tx, const Scope& scope, const Actor& actor, core::ChildId id) {
    if (actor.channel == BookingChannel::guichet) {
        if (!actor.household) {
            return unknown_child();
        }
        GUICHET_TRY(children, tx.family().children_of(scope.commune, *actor.household));
        for (const family::Child& child : children) {
            if (child.id == id) {
                return ChildInHousehold{*actor.household, child};
            }
        }
        return unknown_child();
    }
    GUICHET_TRY(found, tx.family().child_represented_by(scope.commune, actor.account, id));
    if (!found) {
        return unknown_child();
    }
    return ChildInHousehold{found->households.front(), std::move(found->child)};
}

BookingEvent event_of(const Scope& scope, const Actor& actor, core::HouseholdId household, core::ChildId child,
                      std::string kind, std::string detail, core::Instant at) {
    return {scope.commune,     household, child, actor.account, actor.channel, std::move(kind),
            std::move(detail), actor.ip,  at};
}

BookingEvent event_of(const Scope& scope, const Actor& actor, const ChildInHousehold& who, std::string kind,
                      std::string detail, core::Instant at) {
    return event_of(scope, actor, who.household, who.child.id, std::move(kind), std::move(detail), at);
}

// Everything needed to explain the days of one activity for one child: the catalogue, his enrolments, his bookings
// and the places taken, read once for a batch of days.
class DayJudge {
  public:
    DayJudge(const Scope& scope, SharedCatalog catalog, const catalog::Activity& activity,
             std::vector<Enrolment> enrolments, std::vector<SchoolEvent> events = {})
        : m_scope(scope),
          m_catalog(std::move(catalog)),
          m_calendar(*m_catalog),
          m_activity(activity),
          m_rules(activity.rules, scope.zone),
          m_enrolments(std::move(enrolments)),
          m_events(std::move(events)) {}
    DayJudge(const DayJudge&) = delete;  // its calendar reads the catalogue it holds
    DayJudge& operator=(const DayJudge&) = delete;

    // The accepted enrolment of the child that covers `day` in this activity, or nullptr.
    [[nodiscard]] const Enrolment* enrolment_on(core::CivilDate day) const {
        for (const Enrolment& enrolment : m_enrolments) {
            if (enrolment.status != EnrolmentStatus::accepted || enrolment.activity != m_activity.id) {
                continue;
            }
            if (enrolment.period.session) {
                const catalog::HolidaySession* session = m_catalog->session(*enrolment.period.session);
                if (session != nullptr && session->covers(day)) {
                    return &enrolment;
                }
            } else if (enrolment.period.school_year) {
                const catalog::SchoolYear* year = m_calendar.school_year_of(day);
                if (year != nullptr && year->id == *enrolment.period.school_year) {
                    return &enrolment;
                }
            }
        }
        return nullptr;
    }

    // The site the child attends on `day`: his enrolment's, or the activity's first one when not enrolled (the
    // day is then refused as not enrolled anyway).
    [[nodiscard]] core::SiteId site_on(core::CivilDate day) const {
        if (const Enrolment* enrolment = enrolment_on(day)) {
            return enrolment->site;
        }
        return m_activity.sites.empty() ? core::SiteId{0} : m_activity.sites.front().site;
    }

    [[nodiscard]] int capacity(core::SiteId site, core::CivilDate day) const {
        return m_calendar.capacity(m_activity.id, site, day);
    }

    // What booking `day` at `at` would do, `taken` places being taken that day at the child's site. Without
    // `judge_enrolment_and_places`, the child counts as enrolled and the day as having places.
    [[nodiscard]] core::Result<Explanation> explain(core::CivilDate day, int taken, core::Instant at,
                                                    bool judge_enrolment_and_places = true) const {
        const core::SiteId site = site_on(day);
        const catalog::Opening opening = m_calendar.opening(m_activity.id, site, day);
        DayCircumstances circumstances;
        if (!opening.open) {
            circumstances.no_service = DayCircumstances::NoService{
                Reason{"booking_no_service_" + std::string(catalog::no_service_name(*opening.reason)), {}}};
        } else if (const SchoolEvent* event = event_on(m_events, m_activity.id, site, day)) {
            // A strike, an outing…: the day is cancelled for everyone, and says why.
            circumstances.no_service = DayCircumstances::NoService{
                Reason{"booking_no_service_event_" + std::string(school_event_kind_name(event->kind)), {}}};
        }
        circumstances.enrolment = !judge_enrolment_and_places || enrolment_on(day) != nullptr
                                      ? EnrolmentState::enrolled
                                      : EnrolmentState::not_enrolled;
        circumstances.availability =
            !judge_enrolment_and_places || taken < capacity(site, day) ? Availability::places_left : Availability::full;
        BookedDay booked{kind(), day, day};
        if (opening.session) {
            if (const catalog::HolidaySession* session = m_catalog->session(*opening.session)) {
                booked.period_start = session->first_day;
            }
        } else if (const catalog::SchoolYear* year = m_calendar.school_year_of(day)) {
            booked.period_start = std::min(year->rentree.date, day);
        }
        GUICHET_TRY(judgement, m_rules.judge(booked, at));
        return Explanation::of(judgement, circumstances, m_scope.zone);
    }

    [[nodiscard]] const catalog::Activity& activity() const { return m_activity; }

  private:
    [[nodiscard]] ActivityKind kind() const {
        return m_activity.kind == catalog::ActivityKind::holiday_session ? ActivityKind::holiday_session
                                                                         : ActivityKind::school_time;
    }

    const Scope& m_scope;
    SharedCatalog m_catalog;
    catalog::ServiceCalendar m_calendar;
    catalog::Activity m_activity;
    DeadlineRules m_rules;
    std::vector<Enrolment> m_enrolments;
    std::vector<SchoolEvent> m_events;  // the commune's active school events
};

core::Result<catalog::Activity> activity_of(const catalog::Catalog& catalog, core::ActivityId id) {
    const catalog::Activity* activity = catalog.activity(id);
    if (activity == nullptr) {
        return core::fail(core::ErrorCode::not_found, "err_activity_unknown", "activity");
    }
    return *activity;
}

// The places taken at each site and day of `days`, read once per site.
core::Result<std::map<std::pair<long long, core::CivilDate>, int>> places_on(Transaction& tx, const Scope& scope,
                                                                             const DayJudge& judge,
                                                                             const std::vector<core::CivilDate>& days) {
    std::map<std::pair<long long, core::CivilDate>, int> taken;
    if (days.empty()) {
        return taken;
    }
    const auto [first, last] = std::minmax_element(days.begin(), days.end());
    std::vector<long long> sites;
    for (core::CivilDate day : days) {
        const long long site = judge.site_on(day).value();
        if (std::find(sites.begin(), sites.end(), site) == sites.end()) {
            sites.push_back(site);
        }
    }
    for (long long site : sites) {
        GUICHET_TRY(counts,
                    tx.booking().places_taken(scope.commune, judge.activity().id, core::SiteId{site}, *first, *last));
        for (const auto& [day, count] : counts) {
            taken[{site, day}] = count;
        }
    }
    return taken;
}

// The child is still in the household the step books for, and the household still the parent's (or the one the
// agent has open): the check of the write's own transaction, in one query.
core::Status still_in_household(Transaction& tx, const Scope& scope, const Actor& actor, core::HouseholdId household,
                                core::ChildId child) {
    if (actor.channel != BookingChannel::guichet) {
        GUICHET_TRY(found, tx.family().child_represented_by(scope.commune, actor.account, child));
        if (!found ||
            std::find(found->households.begin(), found->households.end(), household) == found->households.end()) {
            return unknown_child();
        }
        return {};
    }
    if (actor.household != household) {
        return unknown_child();
    }
    GUICHET_TRY(children, tx.family().children_of(scope.commune, household));
    if (std::none_of(children.begin(), children.end(), [&](const family::Child& c) { return c.id == child; })) {
        return unknown_child();
    }
    return {};
}

// The fingerprint of what the family was shown: each line's day, decision and price.
std::string fingerprint_of(const BookingSummary& summary) {
    std::string text;
    for (const BookingSummary::Line& line : summary.lines) {
        text += line.day.to_iso() + ":" + std::string(decision_name(line.explanation.decision)) + ":" +
                std::to_string(line.price ? line.price->cents() : -1) + ";";
    }
    return text;
}

std::vector<core::CivilDate> sorted_unique(std::vector<core::CivilDate> days) {
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

// What booking the selection does now, on the catalogue and the child's enrolments the caller read in `tx`.
core::Result<BookingPlan> plan_in(Transaction& tx, const Scope& scope, const SharedCatalog& catalog,
                                  std::vector<Enrolment> enrolments, const ChildInHousehold& who,
                                  const DaySelection& selection, core::Instant now) {
    GUICHET_TRY(activity, activity_of(*catalog, selection.activity));
    GUICHET_TRY(events, tx.school_events().active_events(scope.commune));
    const DayJudge judge(scope, catalog, activity, std::move(enrolments), std::move(events));
    const std::vector<core::CivilDate> days = sorted_unique(selection.days);
    BookingPlan plan;
    plan.activity = activity;
    if (days.empty()) {
        plan.summary = BookingSummary::of({}, activity.unit_price);
        return plan;
    }
    GUICHET_TRY(booked, tx.booking().bookings_of_child(scope.commune, who.child.id, days.front(), days.back()));
    GUICHET_TRY(taken, places_on(tx, scope, judge, days));
    std::vector<BookingSummary::Candidate> candidates;
    for (core::CivilDate day : days) {
        const bool already = std::any_of(booked.begin(), booked.end(), [&](const DayBooking& b) {
            return b.day == day && b.activity == activity.id && b.status == BookingStatus::booked;
        });
        if (already) {
            plan.already_booked.push_back(day);
            continue;
        }
        const auto count = taken.find({judge.site_on(day).value(), day});
        GUICHET_TRY(explanation, judge.explain(day, count == taken.end() ? 0 : count->second, now));
        candidates.push_back({day, std::move(explanation)});
    }
    plan.summary = BookingSummary::of(candidates, activity.unit_price);
    plan.fingerprint = fingerprint_of(plan.summary);
    return plan;
}

// The child's age in whole years on `day`.
int age_on(core::CivilDate birth, core::CivilDate day) {
    int age = day.year() - birth.year();
    if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day())) {
        --age;
    }
    return age;
}

// The field errors of an enrolment request against the catalogue: the activity, its period and site, and whether
// the child may attend it.
std::vector<core::Error> check_enrolment(const catalog::Catalog& catalog, const EnrolmentRequest& request,
                                         const family::Child& child) {
    std::vector<core::Error> errors;
    const catalog::Activity* activity = catalog.activity(request.activity);
    if (activity == nullptr) {
        errors.push_back(core::make_error(core::ErrorCode::invalid_input, "err_activity_unknown", "activity"));
        return errors;
    }
    std::optional<core::CivilDate> start;
    bool site_served = false;
    if (activity->kind == catalog::ActivityKind::holiday_session) {
        const catalog::HolidaySession* session =
            request.period.session ? catalog.session(*request.period.session) : nullptr;
        if (session == nullptr || session->activity != activity->id || request.period.school_year) {
            errors.push_back(core::make_error(core::ErrorCode::invalid_input, "err_enrolment_session", "period"));
        } else {
            start = session->first_day;
            site_served = session->capacity_at(request.site).has_value();
        }
    } else {
        const catalog::SchoolYear* year = nullptr;
        for (const catalog::SchoolYear& candidate : catalog.school_years) {
            if (request.period.school_year && candidate.id == *request.period.school_year) {
                year = &candidate;
            }
        }
        if (year == nullptr || request.period.session) {
            errors.push_back(core::make_error(core::ErrorCode::invalid_input, "err_enrolment_school_year", "period"));
        } else {
            start = year->rentree.date;
            site_served = activity->capacity_at(request.site).has_value();
        }
    }
    if (start && !site_served) {
        errors.push_back(core::make_error(core::ErrorCode::invalid_input, "err_enrolment_site", "site"));
    }
    const catalog::Eligibility& eligibility = activity->eligibility;
    if (!eligibility.class_levels.empty() && !eligibility.class_levels.contains(child.class_level)) {
        errors.push_back(core::make_error(core::ErrorCode::invalid_input, "err_enrolment_class_level", "child"));
    }
    if (start) {
        const int age = age_on(child.birth_date, *start);
        if ((eligibility.min_age && age < *eligibility.min_age) ||
            (eligibility.max_age && age > *eligibility.max_age)) {
            errors.push_back(core::make_error(core::ErrorCode::invalid_input, "err_enrolment_age", "child"));
        }
    }
    return errors;
}

// Tells the household's representatives (those with an address) that an agent decided on their enrolment: which
// activity, for which child, accepted or refused and why. Queued in the decision's transaction.
core::Status tell_family(Transaction& tx, catalog::CatalogCache& catalogs, const Scope& scope,
                         const Enrolment& decided) {
    GUICHET_TRY(catalog, catalog_of(tx, catalogs, scope));
    const catalog::Activity* activity = catalog->activity(decided.activity);
    GUICHET_TRY(children, tx.family().children_of(scope.commune, decided.household));
    std::string child_name;
    for (const family::Child& child : children) {
        if (child.id == decided.child) {
            child_name = child.first_name;
        }
    }
    GUICHET_TRY(people, tx.family().representatives_of(scope.commune, decided.household));
    for (const family::Representative& person : people) {
        if (person.email.empty()) {
            continue;
        }
        std::map<std::string, std::string> variables = {
            {"civility", std::string(identity::civility_name(person.civility))},
            {"first_name", person.first_name},
            {"last_name", person.last_name},
            {"activity", activity != nullptr ? activity->name : ""},
            {"child", child_name},
            {"decision", std::string(enrolment_status_name(decided.status))},
            {"reason", decided.refusal_reason}};
        GUICHET_TRY_STATUS(
            tx.outbox().enqueue({scope.commune, person.email, "enrolment_decided", "fr", std::move(variables)}));
    }
    return {};
}

// What cancelling each chosen day would do now.
core::Result<CancellationPlan> cancellation_in(Transaction& tx, catalog::CatalogCache& catalogs, const Scope& scope,
                                               const ChildInHousehold& who, const DaySelection& selection,
                                               core::Instant now) {
    GUICHET_TRY(catalog, catalog_of(tx, catalogs, scope));
    GUICHET_TRY(activity, activity_of(*catalog, selection.activity));
    CancellationPlan plan;
    plan.activity = activity;
    const std::vector<core::CivilDate> days = sorted_unique(selection.days);
    if (days.empty()) {
        return plan;
    }
    GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, who.child.id));
    const DayJudge judge(scope, std::move(catalog), activity, std::move(enrolments));
    GUICHET_TRY(booked, tx.booking().bookings_of_child(scope.commune, who.child.id, days.front(), days.back()));
    for (core::CivilDate day : days) {
        const auto found = std::find_if(booked.begin(), booked.end(), [&](const DayBooking& b) {
            return b.day == day && b.activity == activity.id && b.status == BookingStatus::booked;
        });
        if (found == booked.end()) {
            plan.not_booked.push_back(day);
            continue;
        }
        GUICHET_TRY(explanation, judge.explain(day, 0, now));
        CancellationLine line{*found, explanation.judgement.cancellation, core::Money::from_cents(0)};
        if (line.decision == CancellationDecision::billed) {
            line.billed = found->unit_price + found->surcharge;
            ++plan.billed_count;
        } else if (line.decision == CancellationDecision::free) {
            ++plan.free_count;
        } else {
            line.billed = found->unit_price + found->surcharge;
            ++plan.closed_count;
        }
        plan.fingerprint += day.to_iso() + ":" + std::string(cancellation_decision_name(line.decision)) + ";";
        plan.lines.push_back(std::move(line));
    }
    return plan;
}

}  // namespace

core::Result<std::optional<Enrolment>> BookingService::enrol(const Scope& scope, const Actor& actor,
                                                             const EnrolmentRequest& request,
                                                             std::vector<core::Error>& errors) {
    std::optional<Enrolment> made;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, request.child));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        errors = check_enrolment(*catalog, request, who.child);
        if (!errors.empty()) {
            return {};
        }
        // A session in pre-registration is requested on its own page; its places are given at closing.
        if (const auto* session = request.period.session ? catalog->session(*request.period.session) : nullptr;
            session != nullptr && session->allocation.pre_registration()) {
            errors.push_back(core::make_error(core::ErrorCode::conflict, "err_enrolment_pre_registration", "period"));
            return {};
        }
        const catalog::Activity& activity = *catalog->activity(request.activity);
        Enrolment enrolment;
        enrolment.commune = scope.commune;
        enrolment.household = who.household;
        enrolment.child = request.child;
        enrolment.activity = request.activity;
        enrolment.period = request.period;
        enrolment.site = request.site;
        enrolment.requested_by = actor.account;
        enrolment.requested_at = now;
        // An agent enrolling at the guichet has checked the file there: his request needs no second look.
        const bool at_once = !activity.needs_validation || actor.channel == BookingChannel::guichet;
        enrolment.status = at_once ? EnrolmentStatus::accepted : EnrolmentStatus::pending;
        if (at_once) {
            enrolment.decided_by = actor.account;
            enrolment.decided_at = now;
        }
        auto id = tx.booking().insert_enrolment(enrolment);
        if (!id && id.error().code == core::ErrorCode::conflict) {
            errors.push_back(core::make_error(core::ErrorCode::conflict, id.error().key, "activity"));
            return {};
        }
        GUICHET_TRY_STATUS(id);
        enrolment.id = *id;
        GUICHET_TRY_STATUS(tx.booking().record(
            event_of(scope, actor, who, at_once ? "enrolment_accepted" : "enrolment_requested", activity.code, now)));
        made = enrolment;
        return {};
    }));
    return made;
}

core::Result<std::vector<Enrolment>> BookingService::enrolments(const Scope& scope, const Actor& actor,
                                                                core::ChildId child) {
    std::vector<Enrolment> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(all, tx.booking().enrolments_of_child(scope.commune, who.child.id));
        found = std::move(all);
        return {};
    }));
    return found;
}

core::Result<std::vector<PendingEnrolment>> BookingService::pending(const Scope& scope) {
    std::vector<PendingEnrolment> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(all, tx.booking().pending_enrolments(scope.commune));
        // Whose each enrolment is, read for the whole list at once (three queries, however long it is).
        std::vector<core::HouseholdId> household_ids;
        std::vector<core::ChildId> child_ids;
        for (const Enrolment& enrolment : all) {
            household_ids.push_back(enrolment.household);
            child_ids.push_back(enrolment.child);
        }
        GUICHET_TRY(households, tx.family().households_by_ids(scope.commune, household_ids));
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, child_ids));
        for (Enrolment& enrolment : all) {
            PendingEnrolment entry{std::move(enrolment), {}, {}};
            for (const family::Household& household : households) {
                if (household.id == entry.enrolment.household) {
                    entry.household_reference = household.reference;
                }
            }
            for (const family::Child& child : children) {
                if (child.id == entry.enrolment.child) {
                    entry.child_name = child.first_name + " " + core::uppercase_fr(child.last_name);
                }
            }
            found.push_back(std::move(entry));
        }
        return {};
    }));
    return found;
}

core::Result<Enrolment> BookingService::decide(const Scope& scope, const Actor& agent, core::EnrolmentId id,
                                               EnrolmentStep step, const std::string& reason) {
    std::optional<Enrolment> decided;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.booking().find_enrolment(scope.commune, id));
        if (!found) {
            return core::fail(core::ErrorCode::not_found, "err_enrolment_unknown");
        }
        GUICHET_TRY(after, advance(*found, step, agent.account, now, reason));
        GUICHET_TRY(written, tx.booking().update_enrolment(after, found->status));
        if (!written) {
            return core::fail(core::ErrorCode::conflict, "err_enrolment_state");
        }
        GUICHET_TRY_STATUS(tx.booking().record(event_of(scope, agent, found->household, found->child,
                                                        "enrolment_" + std::string(enrolment_status_name(after.status)),
                                                        std::to_string(after.activity.value()), now)));
        GUICHET_TRY_STATUS(tell_family(tx, m_catalogs, scope, after));
        decided = std::move(after);
        return {};
    }));
    return std::move(*decided);
}

core::Result<int> BookingService::join_waiting_list(const Scope& scope, const Actor& actor, core::ChildId child,
                                                    core::ActivityId activity, core::CivilDate day) {
    int position = 0;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, child));
        GUICHET_TRY(plan, plan_in(tx, scope, catalog, enrolments, who, {activity, {day}}, now));
        if (plan.summary.lines.empty() || plan.summary.lines.front().explanation.decision != Decision::full) {
            return core::fail(core::ErrorCode::conflict, "err_waiting_not_full");
        }
        const DayJudge judge(scope, std::move(catalog), plan.activity, std::move(enrolments));
        WaitingEntry entry;
        entry.commune = scope.commune;
        entry.household = who.household;
        entry.child = child;
        entry.activity = activity;
        entry.site = judge.site_on(day);
        entry.day = day;
        entry.joined_by = actor.account;
        entry.joined_at = now;
        GUICHET_TRY(id, tx.booking().join_waiting_list(entry));
        (void)id;
        GUICHET_TRY(positions, tx.booking().waiting_positions(scope.commune, child, day, day));
        position = positions[{activity.value(), day}];
        return tx.booking().record(
            event_of(scope, actor, who, "waiting_joined", plan.activity.code + " " + day.to_iso(), now));
    }));
    return position;
}

core::Result<bool> BookingService::leave_waiting_list(const Scope& scope, const Actor& actor, core::ChildId child,
                                                      core::ActivityId activity, core::CivilDate day) {
    bool left = false;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(done, tx.booking().leave_waiting_list(scope.commune, child, activity, day, now));
        left = done;
        if (!done) {
            return {};
        }
        // A place offered to him and not answered is withdrawn and goes to the next child waiting.
        GUICHET_TRY(offers, tx.booking().open_offers_of_child(scope.commune, child));
        for (const WaitingOffer& offer : offers) {
            if (offer.activity != activity || offer.day != day) {
                continue;
            }
            GUICHET_TRY(withdrawn,
                        tx.booking().close_offer(
                            scope.commune, offer.id, OfferStatus::withdrawn, now, actor.account,
                            actor.channel == BookingChannel::guichet ? OfferChannel::guichet : OfferChannel::portal));
            if (withdrawn) {
                GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
                GUICHET_TRY(next, hand_on_place(tx, *catalog, scope, {offer.activity, offer.site, offer.day},
                                                {actor.account, actor.channel, actor.ip, "withdrawn"}, now));
                (void)next;
            }
        }
        return tx.booking().record(
            event_of(scope, actor, who, "waiting_left", std::to_string(activity.value()) + " " + day.to_iso(), now));
    }));
    return left;
}

core::Result<CancellationPlan> BookingService::plan_cancellation(const Scope& scope, const Actor& actor,
                                                                 core::ChildId child, const DaySelection& selection) {
    std::optional<CancellationPlan> plan;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(made, cancellation_in(tx, m_catalogs, scope, who, selection, now));
        plan = std::move(made);
        return {};
    }));
    return std::move(*plan);
}

core::Result<CancellationOutcome> BookingService::cancel(const Scope& scope, const Actor& actor, core::ChildId child,
                                                         const DaySelection& selection,
                                                         const std::string& fingerprint) {
    CancellationOutcome outcome;
    const core::Instant now = m_clock.now();
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(plan, cancellation_in(tx, m_catalogs, scope, who, selection, now));
        outcome.plan = plan;
        if (plan.fingerprint != fingerprint || plan.lines.empty()) {
            outcome.outcome = Confirmation::Outcome::changed;
            return {};
        }
        for (const CancellationLine& line : plan.lines) {
            if (line.decision == CancellationDecision::closed) {
                continue;  // too late to cancel: the family reports an absence instead
            }
            DayBooking cancelled = line.booking;
            cancelled.status = BookingStatus::cancelled;
            cancelled.cancelled_by = actor.account;
            cancelled.cancelled_at = now;
            cancelled.cancellation =
                line.decision == CancellationDecision::billed ? CancellationBilling::billed : CancellationBilling::free;
            GUICHET_TRY(done, tx.booking().cancel_booking(cancelled));
            if (!done) {
                return core::fail(core::ErrorCode::conflict, "err_booking_state");
            }
            // The freed place goes to the first child waiting for the day, if any ([G6] offers), else back.
            GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
            GUICHET_TRY(offered, hand_on_place(tx, *catalog, scope, {cancelled.activity, cancelled.site, cancelled.day},
                                               {actor.account, actor.channel, actor.ip, "cancellation"}, now));
            (void)offered;
            GUICHET_TRY_STATUS(
                tx.booking().record(event_of(scope, actor, who, "day_cancelled",
                                             plan.activity.code + " " + cancelled.day.to_iso() + " " +
                                                 std::string(cancellation_billing_name(*cancelled.cancellation)),
                                             now)));
            ++outcome.cancelled;
        }
        return {};
    });
    if (!written && written.error().key == "err_booking_state") {
        // Another request cancelled one of the days between our read and our update (PostgreSQL runs both at once):
        // nothing of the batch is kept, and the family sees the new plan, as for a day filled meanwhile.
        GUICHET_TRY(fresh, plan_cancellation(scope, actor, child, selection));
        CancellationOutcome changed;
        changed.outcome = Confirmation::Outcome::changed;
        changed.plan = std::move(fresh);
        return changed;
    }
    GUICHET_TRY_STATUS(written);
    return outcome;
}

core::Result<ChildMonth> BookingService::month(const Scope& scope, const Actor& actor, core::ChildId child,
                                               core::CivilDate first_day) {
    ChildMonth month;
    month.child = child;
    month.first_day = first_day.add_days(1 - static_cast<int>(first_day.day()));
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        month.child_name = who.child.first_name;
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, child));
        std::vector<core::CivilDate> days;
        for (core::CivilDate day = month.first_day; day.month() == month.first_day.month(); day = day.add_days(1)) {
            days.push_back(day);
        }
        GUICHET_TRY(booked, tx.booking().bookings_of_child(scope.commune, child, days.front(), days.back()));
        GUICHET_TRY(waiting, tx.booking().waiting_positions(scope.commune, child, days.front(), days.back()));
        GUICHET_TRY(events, tx.school_events().active_events(scope.commune));
        GUICHET_TRY(offers, tx.booking().open_offers_of_child(scope.commune, child));
        std::vector<core::ActivityId> shown;
        for (const Enrolment& enrolment : enrolments) {
            if (enrolment.status != EnrolmentStatus::accepted ||
                std::find(shown.begin(), shown.end(), enrolment.activity) != shown.end()) {
                continue;
            }
            const catalog::Activity* activity = catalog->activity(enrolment.activity);
            if (activity == nullptr) {
                continue;
            }
            shown.push_back(enrolment.activity);
            const DayJudge judge(scope, catalog, *activity, enrolments, events);
            GUICHET_TRY(taken, places_on(tx, scope, judge, days));
            ActivityMonth entry{*activity, judge.site_on(month.first_day), {}};
            for (core::CivilDate day : days) {
                if (judge.enrolment_on(day) == nullptr) {
                    continue;  // a day of the month the enrolment does not cover: not this period's
                }
                const auto count = taken.find({judge.site_on(day).value(), day});
                GUICHET_TRY(explanation, judge.explain(day, count == taken.end() ? 0 : count->second, now));
                CalendarDay shown_day{day, explanation, std::nullopt, activity->unit_price};
                const BookingSummary priced = BookingSummary::of(
                    std::vector<BookingSummary::Candidate>{{day, explanation}}, activity->unit_price);
                if (!priced.lines.empty() && priced.lines.front().price) {
                    shown_day.price = *priced.lines.front().price;
                }
                for (const DayBooking& b : booked) {
                    if (b.day == day && b.activity == activity->id && b.status == BookingStatus::booked) {
                        shown_day.booking = b;
                    }
                }
                if (const auto on_list = waiting.find({activity->id.value(), day}); on_list != waiting.end()) {
                    shown_day.waiting_position = on_list->second;
                }
                for (const WaitingOffer& offer : offers) {
                    if (offer.activity == activity->id && offer.day == day && now <= offer.expires_at) {
                        shown_day.offer = offer;
                    }
                }
                entry.site = judge.site_on(day);
                entry.days.push_back(std::move(shown_day));
            }
            if (!entry.days.empty()) {
                month.activities.push_back(std::move(entry));
            }
        }
        return {};
    }));
    return month;
}

core::Result<std::vector<AgendaDay>> BookingService::agenda(const Scope& scope, const Actor& actor, core::ChildId child,
                                                            core::CivilDate first, core::CivilDate last) {
    std::vector<AgendaDay> agenda;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(booked, tx.booking().bookings_of_child(scope.commune, child, first, last));
        std::map<core::CivilDate, std::vector<core::ActivityId>> days;
        for (const DayBooking& booking : booked) {
            if (booking.status == BookingStatus::booked) {
                days[booking.day].push_back(booking.activity);
            }
        }
        for (const auto& [day, ids] : days) {
            AgendaDay entry{day, {}};
            for (const catalog::Activity& activity : catalog->activities) {
                if (std::find(ids.begin(), ids.end(), activity.id) != ids.end()) {
                    entry.activities.push_back(activity);
                }
            }
            agenda.push_back(std::move(entry));
        }
        return {};
    }));
    return agenda;
}

core::Result<Explanation> BookingService::explain(const Scope& scope, std::string_view activity_code,
                                                  core::CivilDate day, core::Instant at,
                                                  std::optional<core::ChildId> child) {
    std::optional<Explanation> explanation;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        const catalog::Activity* found = catalog->activity_by_code(activity_code);
        if (found == nullptr) {
            return core::fail(core::ErrorCode::not_found, "err_activity_unknown", "activity");
        }
        const catalog::Activity activity = *found;
        if (child) {
            GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, *child));
            GUICHET_TRY(events, tx.school_events().active_events(scope.commune));
            const DayJudge judge(scope, std::move(catalog), activity, std::move(enrolments), std::move(events));
            GUICHET_TRY(taken, tx.booking().places_taken(scope.commune, activity.id, judge.site_on(day), day, day));
            GUICHET_TRY(made, judge.explain(day, taken.empty() ? 0 : taken.begin()->second, at));
            explanation = std::move(made);
            return {};
        }
        // No child: every site is a candidate; the day has service when the activity runs at one of them.
        const catalog::ServiceCalendar calendar(*catalog);
        core::SiteId site = activity.sites.empty() ? core::SiteId{0} : activity.sites.front().site;
        for (const catalog::HolidaySession& session : catalog->sessions) {
            if (session.activity == activity.id && session.covers(day) && !session.sites.empty()) {
                site = session.sites.front().site;
            }
        }
        for (const catalog::ActivitySite& served : activity.sites) {
            if (calendar.opening(activity.id, served.site, day).open) {
                site = served.site;
                break;
            }
        }
        Enrolment assumed;
        assumed.activity = activity.id;
        assumed.site = site;
        assumed.status = EnrolmentStatus::accepted;
        const catalog::Opening opening = calendar.opening(activity.id, site, day);
        if (opening.session) {
            assumed.period.session = *opening.session;
        } else if (const catalog::SchoolYear* year = calendar.school_year_of(day)) {
            assumed.period.school_year = year->id;
        }
        const DayJudge judge(scope, std::move(catalog), activity, {assumed});
        GUICHET_TRY(made, judge.explain(day, 0, at, /*judge_enrolment_and_places=*/false));
        explanation = std::move(made);
        return {};
    }));
    return std::move(*explanation);
}

core::Result<DaySelection> BookingService::pattern_days(const Scope& scope, const Actor& actor, core::ChildId child,
                                                        const PatternRequest& request) {
    DaySelection selection{request.activity, {}};
    const core::CivilDate today = scope.zone.today(m_clock.now());
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(activity, activity_of(*catalog, request.activity));
        const catalog::ServiceCalendar calendar(*catalog);
        const core::CivilDate from = std::max(request.from, today);
        const catalog::SchoolYear* year = calendar.school_year_of(from);
        if (year == nullptr) {
            return core::fail(core::ErrorCode::invalid_input, "err_booking_no_school_year", "from");
        }
        core::CivilDate end = year->last_day.date.add_days(1);
        if (request.end == PatternEnd::next_holidays) {
            for (const catalog::SchoolHoliday& holiday : year->holidays) {
                if (holiday.first_day_off.date > from && holiday.first_day_off.date < end) {
                    end = holiday.first_day_off.date;
                }
            }
        }
        GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, who.child.id));
        const DayJudge judge(scope, catalog, activity, std::move(enrolments));
        for (core::CivilDate day : request.pattern.expand(from, end)) {
            if (calendar.opening(activity.id, judge.site_on(day), day).open) {
                selection.days.push_back(day);
            }
        }
        return {};
    }));
    return selection;
}

core::Result<BookingPlan> BookingService::plan(const Scope& scope, const Actor& actor, core::ChildId child,
                                               const DaySelection& selection) {
    std::optional<BookingPlan> plan;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, who.child.id));
        GUICHET_TRY(made, plan_in(tx, scope, catalog, std::move(enrolments), who, selection, now));
        plan = std::move(made);
        return {};
    }));
    return std::move(*plan);
}

core::Result<Confirmation> BookingService::confirm(const Scope& scope, const Actor& actor, core::ChildId child,
                                                   const DaySelection& selection, const std::string& fingerprint) {
    // The plan is made again in a read, outside the write lock (on SQLite one writer at a time: the evening a
    // window opens, the lock must be held for the writes only). The write then checks what may have changed in the
    // meantime: the child is still the parent's, each day's decision and price at the instant of the write, the
    // places (taken one by one, atomically).
    Confirmation confirmation;
    std::optional<ChildInHousehold> who;
    catalog::CatalogCache::Entry catalog;
    std::vector<Enrolment> enrolments;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, child_of(tx, scope, actor, child));
        who = std::move(found);
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        catalog = std::move(entry);
        GUICHET_TRY(all, tx.booking().enrolments_of_child(scope.commune, child));
        enrolments = std::move(all);
        GUICHET_TRY(plan, plan_in(tx, scope, catalog.catalog, enrolments, *who, selection, m_clock.now()));
        confirmation.plan = std::move(plan);
        return {};
    }));
    const BookingPlan& plan = confirmation.plan;
    if (plan.fingerprint != fingerprint || plan.summary.lines.empty()) {
        confirmation.outcome = Confirmation::Outcome::changed;
        return confirmation;  // nothing written: the family sees the new plan
    }
    const DayJudge judge(scope, catalog.catalog, plan.activity, std::move(enrolments));
    auto written = m_work.write([&](Transaction& tx) -> core::Status {
        // The places of a day and its opening come from the catalogue read above: when an agent changed it since
        // (a closure, fewer places), the plan is made again on the new one.
        GUICHET_TRY(version, tx.catalog().version(scope.commune));
        if (version != catalog.version) {
            return core::fail(core::ErrorCode::conflict, "err_plan_changed");
        }
        GUICHET_TRY_STATUS(still_in_household(tx, scope, actor, who->household, child));
        const core::Instant now = m_clock.now();
        for (const BookingSummary::Line& line : plan.summary.lines) {
            if (!line.price) {
                continue;  // refused, and shown as such in what the family confirmed
            }
            GUICHET_TRY(now_explained, judge.explain(line.day, 0, now, false));
            const BookingSummary priced = BookingSummary::of(
                std::vector<BookingSummary::Candidate>{{line.day, now_explained}}, plan.activity.unit_price);
            if (now_explained.decision != line.explanation.decision || priced.lines.front().price != line.price) {
                return core::fail(core::ErrorCode::conflict, "err_plan_changed");  // a deadline passed meanwhile
            }
            const core::SiteId site = judge.site_on(line.day);
            GUICHET_TRY(placed, tx.booking().take_place(scope.commune, {plan.activity.id, site, line.day},
                                                        judge.capacity(site, line.day)));
            if (!placed) {
                // Filled meanwhile by another family: nothing of the batch is kept.
                return core::fail(core::ErrorCode::conflict, "err_day_filled");
            }
            const bool late = line.explanation.decision == Decision::late;
            DayBooking booking;
            booking.commune = scope.commune;
            booking.household = who->household;
            booking.child = child;
            booking.activity = plan.activity.id;
            booking.site = site;
            booking.day = line.day;
            booking.timing = late ? BookingTiming::late : BookingTiming::on_time;
            booking.unit_price = plan.activity.unit_price;
            booking.surcharge = *line.price - plan.activity.unit_price;
            booking.channel = actor.channel;
            booking.booked_by = actor.account;
            booking.booked_at = now;
            auto id = tx.booking().insert_booking(booking);
            if (!id && id.error().key == "err_day_already_booked") {
                return core::fail(core::ErrorCode::conflict, "err_plan_changed");  // booked meanwhile elsewhere
            }
            GUICHET_TRY_STATUS(id);
            confirmation.booked.push_back(*id);
            GUICHET_TRY_STATUS(tx.booking().record(
                event_of(scope, actor, *who, "day_booked",
                         plan.activity.code + " " + line.day.to_iso() + (late ? " late" : " on_time"), now)));
        }
        return {};
    });
    if (!written && (written.error().key == "err_day_filled" || written.error().key == "err_plan_changed")) {
        GUICHET_TRY(fresh, this->plan(scope, actor, child, selection));
        Confirmation changed;
        changed.outcome = Confirmation::Outcome::changed;
        changed.plan = std::move(fresh);
        return changed;
    }
    GUICHET_TRY_STATUS(written);
    return confirmation;
}

}  // namespace guichet::booking
