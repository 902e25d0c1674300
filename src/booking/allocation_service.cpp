#include "booking/allocation_service.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "catalog/service_calendar.h"
#include "core/text.h"

namespace guichet::booking {
namespace {

using SharedCatalog = std::shared_ptr<const catalog::Catalog>;
using Places = std::map<std::pair<long long, core::CivilDate>, int>;

tl::unexpected<core::Error> unknown_child() {
    return core::fail(core::ErrorCode::not_found, "err_booking_child_unknown");
}

tl::unexpected<core::Error> unknown_session() {
    return core::fail(core::ErrorCode::not_found, "err_allocation_session_unknown");
}

struct ChildInHousehold {
    core::HouseholdId household{0};
    family::Child child;
};

// The child when he belongs to a household the parent represents, or to the household the agent has open (as
// BookingService tells it).
core::Result<ChildInHousehold> child_of(Transaction& tx, const Scope& scope, const Actor& actor, core::ChildId id) {
    if (actor.channel == BookingChannel::guichet) {
        if (!actor.household)
            return unknown_child();
        GUICHET_TRY(children, tx.family().children_of(scope.commune, *actor.household));
        for (const family::Child& child : children)
            if (child.id == id)
                return ChildInHousehold{*actor.household, child};
        return unknown_child();
    }
    GUICHET_TRY(found, tx.family().child_represented_by(scope.commune, actor.account, id));
    if (!found)
        return unknown_child();
    return ChildInHousehold{found->households.front(), std::move(found->child)};
}

// The session in pre-registration with this code, or not_found.
core::Result<const catalog::HolidaySession*> session_of(const catalog::Catalog& catalog, std::string_view code) {
    const catalog::HolidaySession* session = catalog.session_by_code(code);
    if (session == nullptr || !session->allocation.pre_registration())
        return unknown_session();
    return session;
}

core::Instant instant_of(const std::optional<core::LocalDateTime>& local, const core::TimeZone& zone) {
    if (!local)
        return core::Instant::max();
    return zone.to_instant(*local).value_or(core::Instant::max());
}

// The places left at each site and open day of the session, as the allocation reads them.
core::Result<Places> places_left(Transaction& tx, const Scope& scope, const catalog::Catalog& catalog,
                                 const catalog::HolidaySession& session) {
    const catalog::ServiceCalendar calendar(catalog);
    Places places;
    for (const auto& site : session.sites) {
        GUICHET_TRY(taken, tx.booking().places_taken(scope.commune, session.activity, site.site, session.first_day,
                                                     session.last_day));
        for (auto day = session.first_day; day <= session.last_day; day = day.add_days(1)) {
            const catalog::Opening opening = calendar.opening(session.activity, site.site, day);
            if (!opening.open || opening.session != session.id)
                continue;
            const auto found = taken.find(day);
            places[{site.site.value(), day}] = std::max(
                0, calendar.capacity(session.activity, site.site, day) - (found == taken.end() ? 0 : found->second));
        }
    }
    return places;
}

std::vector<core::CivilDate> days_at(const Places& places, core::SiteId site) {
    std::vector<core::CivilDate> days;
    for (const auto& [key, left] : places)
        if (key.first == site.value())
            days.push_back(key.second);
    return days;
}

// The session of the same activity that ended last before this one began, or nullptr.
const catalog::HolidaySession* previous_session(const catalog::Catalog& catalog,
                                                const catalog::HolidaySession& session) {
    const catalog::HolidaySession* previous = nullptr;
    for (const auto& other : catalog.sessions) {
        if (other.activity == session.activity && other.last_day < session.first_day &&
            (previous == nullptr || previous->last_day < other.last_day))
            previous = &other;
    }
    return previous;
}

// The criteria the child of `request` meets now.
core::Result<std::vector<catalog::Criterion>> criteria_now(Transaction& tx, const Scope& scope,
                                                           const catalog::Catalog& catalog,
                                                           const catalog::HolidaySession& session,
                                                           const AllocationRequest& request) {
    std::vector<catalog::Criterion> criteria;
    const auto& rules = session.allocation;
    GUICHET_TRY(household, tx.family().find_household(scope.commune, request.household));
    if (household && std::find(rules.resident_postcodes.begin(), rules.resident_postcodes.end(),
                               core::trim(household->address.postal_code)) != rules.resident_postcodes.end())
        criteria.push_back(catalog::Criterion::resident);
    if (request.both_parents_working)
        criteria.push_back(catalog::Criterion::both_parents_working);
    if (const catalog::HolidaySession* previous = previous_session(catalog, session)) {
        GUICHET_TRY(waiting, tx.booking().waiting_positions(scope.commune, request.child, previous->first_day,
                                                            previous->last_day));
        const bool waited = std::any_of(waiting.begin(), waiting.end(), [&](const auto& entry) {
            return entry.first.first == previous->activity.value();
        });
        if (waited)
            criteria.push_back(catalog::Criterion::previous_waiting_list);
    }
    return criteria;
}

BookingEvent event_for(const Scope& scope, const AllocationRequest& request, core::AccountId actor,
                       BookingChannel channel, std::string ip, std::string kind, std::string detail, core::Instant at) {
    return {scope.commune,   request.household, request.child, actor, channel,
            std::move(kind), std::move(detail), std::move(ip), at};
}

// The waiting positions of the unplaced, in rank order: 1 for the first of them.
std::map<long long, int> waiting_positions_of(const AllocationResult& result) {
    std::map<long long, int> positions;
    int position = 0;
    for (const auto& outcome : result)
        if (!outcome.placed)
            positions[outcome.request] = ++position;
    return positions;
}

}  // namespace

std::uint64_t random_seed() {
    std::uint64_t seed = 0;
    randombytes_buf(&seed, sizeof seed);
    return seed;
}

WindowState window_state(const catalog::SessionAllocation& allocation, const core::TimeZone& zone, core::Instant now) {
    if (now < instant_of(allocation.opens_at, zone))
        return WindowState::not_open;
    if (now < instant_of(allocation.closes_at, zone))
        return WindowState::open;
    return WindowState::closed;
}

core::Result<ChildAllocation> AllocationService::child_view(const Scope& scope, const Actor& actor, core::ChildId child,
                                                            std::string_view session_code) {
    ChildAllocation view;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        GUICHET_TRY(session, session_of(*entry.catalog, session_code));
        view.session = *session;
        view.child_name = who.child.first_name;
        view.state = window_state(session->allocation, scope.zone, now);
        GUICHET_TRY(request, tx.allocation().find_request(scope.commune, session->id, child));
        view.request = request;
        GUICHET_TRY(run, tx.allocation().find_run(scope.commune, session->id));
        if (!run)
            return {};
        view.state = WindowState::allocated;
        view.seed = run->seed;
        if (!request)
            return {};
        const AllocationResult result = result_from_text(run->results);
        const auto positions = waiting_positions_of(result);
        for (const auto& outcome : result) {
            if (outcome.request != request->id)
                continue;
            view.outcome = outcome;
            if (const auto found = positions.find(outcome.request); found != positions.end())
                view.waiting_position = found->second;
        }
        return {};
    }));
    return view;
}

core::Result<AllocationRequest> AllocationService::request(const Scope& scope, const Actor& actor, core::ChildId child,
                                                           std::string_view session_code, core::SiteId site,
                                                           bool both_parents_working) {
    AllocationRequest made;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        GUICHET_TRY(session, session_of(*entry.catalog, session_code));
        const WindowState state = window_state(session->allocation, scope.zone, now);
        if (state == WindowState::not_open)
            return core::fail(core::ErrorCode::conflict, "err_allocation_not_open");
        GUICHET_TRY(run, tx.allocation().find_run(scope.commune, session->id));
        if (state != WindowState::open || run)
            return core::fail(core::ErrorCode::conflict, "err_allocation_closed");
        if (!session->capacity_at(site))
            return core::fail(core::ErrorCode::invalid_input, "err_allocation_site", "site");
        GUICHET_TRY(existing, tx.allocation().find_request(scope.commune, session->id, child));
        made.commune = scope.commune;
        made.session = session->id;
        made.household = who.household;
        made.child = child;
        made.site = site;
        made.both_parents_working = both_parents_working;
        made.requested_by = actor.account;
        made.requested_at = now;
        if (existing && existing->status == RequestStatus::withdrawn) {
            made.id = existing->id;
            GUICHET_TRY(updated, tx.allocation().update_request(made, RequestStatus::withdrawn));
            if (!updated)
                return core::fail(core::ErrorCode::conflict, "err_allocation_already");
        } else if (existing) {
            return core::fail(core::ErrorCode::conflict, "err_allocation_already");
        } else {
            GUICHET_TRY(id, tx.allocation().insert_request(made));
            made.id = id;
        }
        return tx.booking().record(event_for(scope, made, actor.account, actor.channel, actor.ip,
                                             "allocation_requested",
                                             fmt::format("{} site {}{}", session->code, site.value(),
                                                         both_parents_working ? " both_parents_working" : ""),
                                             now));
    }));
    return made;
}

core::Status AllocationService::withdraw(const Scope& scope, const Actor& actor, core::ChildId child,
                                         std::string_view session_code) {
    const core::Instant now = m_clock.now();
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(who, child_of(tx, scope, actor, child));
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        GUICHET_TRY(session, session_of(*entry.catalog, session_code));
        GUICHET_TRY(run, tx.allocation().find_run(scope.commune, session->id));
        if (window_state(session->allocation, scope.zone, now) != WindowState::open || run)
            return core::fail(core::ErrorCode::conflict, "err_allocation_closed");
        GUICHET_TRY(existing, tx.allocation().find_request(scope.commune, session->id, who.child.id));
        if (!existing || existing->status != RequestStatus::requested)
            return core::fail(core::ErrorCode::not_found, "err_allocation_no_request");
        AllocationRequest withdrawn = *existing;
        withdrawn.status = RequestStatus::withdrawn;
        withdrawn.withdrawn_at = now;
        GUICHET_TRY(updated, tx.allocation().update_request(withdrawn, RequestStatus::requested));
        if (!updated)
            return core::fail(core::ErrorCode::not_found, "err_allocation_no_request");
        return tx.booking().record(event_for(scope, withdrawn, actor.account, actor.channel, actor.ip,
                                             "allocation_withdrawn", session->code, now));
    });
}

core::Result<std::size_t> AllocationService::allocate_due(const Scope& scope, core::Instant now) {
    std::vector<core::HolidaySessionId> due;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        for (const auto& session : entry.catalog->sessions) {
            if (!session.allocation.pre_registration() ||
                window_state(session.allocation, scope.zone, now) != WindowState::closed)
                continue;
            GUICHET_TRY(run, tx.allocation().find_run(scope.commune, session.id));
            if (!run)
                due.push_back(session.id);
        }
        return {};
    }));
    std::size_t done = 0;
    for (const auto session : due) {
        auto status = allocate_session(scope, session, now);
        if (!status && status.error().code == core::ErrorCode::conflict)
            continue;  // another process allocated it meanwhile: its transaction won, ours rolled back
        GUICHET_TRY_STATUS(status);
        ++done;
    }
    return done;
}

core::Status AllocationService::allocate_session(const Scope& scope, core::HolidaySessionId session_id,
                                                 core::Instant now) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        const catalog::Catalog& catalog = *entry.catalog;
        const catalog::HolidaySession* session = catalog.session(session_id);
        if (session == nullptr || !session->allocation.pre_registration())
            return unknown_session();
        GUICHET_TRY(already, tx.allocation().find_run(scope.commune, session->id));
        if (already)
            return core::fail(core::ErrorCode::conflict, "err_allocation_done");
        const catalog::Activity* activity = catalog.activity(session->activity);
        if (activity == nullptr)
            return unknown_session();

        GUICHET_TRY(places, places_left(tx, scope, catalog, *session));
        GUICHET_TRY(all_requests, tx.allocation().requests_of_session(scope.commune, session->id));
        std::map<long long, AllocationRequest> requests;
        AllocationInput input{places, {}, session->allocation.priorities, m_seeds()};
        for (auto& request : all_requests) {
            if (request.status != RequestStatus::requested)
                continue;
            GUICHET_TRY(criteria, criteria_now(tx, scope, catalog, *session, request));
            request.criteria = criteria;
            input.candidates.push_back(
                {request.id, request.household, request.child, request.site, days_at(places, request.site), criteria});
            requests.emplace(request.id, request);
        }
        const AllocationResult result = allocate(input);
        AllocationRun run{0,   scope.commune,    session->id, input.seed,
                          now, input.priorities, places,      result_text(result)};
        GUICHET_TRY_STATUS(tx.allocation().insert_run(run));

        const auto positions = waiting_positions_of(result);
        // Per household: its children's names, and its results, for the one mail it gets.
        struct HouseholdMail {
            std::vector<std::string> children;
            std::vector<std::string> waiting;  // the waiting positions of those not placed
            int placed = 0, not_placed = 0;
        };
        std::map<long long, HouseholdMail> mails;
        std::vector<core::ChildId> child_ids;
        for (const auto& [id, request] : requests)
            child_ids.push_back(request.child);
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, child_ids));
        std::map<long long, std::string> names;
        for (const auto& child : children)
            names[child.id.value()] = child.first_name;

        for (const auto& outcome : result) {
            AllocationRequest request = requests.at(outcome.request);
            const AllocationRequest before = request;
            request.status = outcome.placed ? RequestStatus::placed : RequestStatus::waiting;
            GUICHET_TRY(updated, tx.allocation().update_request(request, RequestStatus::requested));
            if (!updated)
                return core::fail(core::ErrorCode::conflict, "err_allocation_done");
            const auto days = days_at(places, request.site);
            HouseholdMail& mail = mails[request.household.value()];
            mail.children.push_back(names[request.child.value()]);
            std::string detail = fmt::format("{} rank {} draw {} score {} seed {:016x}", session->code, outcome.rank,
                                             outcome.draw, outcome.score, input.seed);
            if (outcome.placed) {
                ++mail.placed;
                Enrolment enrolment;
                enrolment.commune = scope.commune;
                enrolment.household = request.household;
                enrolment.child = request.child;
                enrolment.activity = session->activity;
                enrolment.period.session = session->id;
                enrolment.site = request.site;
                enrolment.status = EnrolmentStatus::accepted;
                enrolment.requested_by = request.requested_by;
                enrolment.requested_at = request.requested_at;
                enrolment.decided_at = now;
                auto enrolled = tx.booking().insert_enrolment(enrolment);
                if (!enrolled && enrolled.error().key != "err_enrolment_exists")
                    return tl::unexpected(enrolled.error());
                for (const auto day : days) {
                    GUICHET_TRY(taken, tx.booking().take_place(scope.commune, {session->activity, request.site, day},
                                                               session->capacity_at(request.site).value_or(0)));
                    if (!taken)
                        return core::fail(core::ErrorCode::conflict, "err_day_filled");
                    DayBooking booking;
                    booking.commune = scope.commune;
                    booking.household = request.household;
                    booking.child = request.child;
                    booking.activity = session->activity;
                    booking.site = request.site;
                    booking.day = day;
                    booking.timing = BookingTiming::on_time;
                    booking.unit_price = activity->unit_price;
                    booking.channel = BookingChannel::portal;
                    booking.booked_by = request.requested_by;
                    booking.booked_at = now;
                    auto booked = tx.booking().insert_booking(booking);
                    if (!booked && booked.error().key != "err_day_already_booked")
                        return tl::unexpected(booked.error());
                }
                GUICHET_TRY_STATUS(
                    tx.booking().record(event_for(scope, before, request.requested_by, BookingChannel::portal, "",
                                                  "allocation_placed", detail, now)));
            } else {
                ++mail.not_placed;
                const int position = positions.at(outcome.request);
                mail.waiting.push_back(std::to_string(position));
                for (const auto day : days) {
                    WaitingEntry waiting;
                    waiting.commune = scope.commune;
                    waiting.household = request.household;
                    waiting.child = request.child;
                    waiting.activity = session->activity;
                    waiting.site = request.site;
                    waiting.day = day;
                    waiting.joined_by = request.requested_by;
                    // Joined in lottery order: one microsecond apart, so that the list's order is the draw's.
                    waiting.joined_at = now + std::chrono::microseconds(position);
                    auto joined = tx.booking().join_waiting_list(waiting);
                    if (!joined && joined.error().key != "err_waiting_already")
                        return tl::unexpected(joined.error());
                }
                GUICHET_TRY_STATUS(tx.booking().record(event_for(scope, before, request.requested_by,
                                                                 BookingChannel::portal, "", "allocation_waiting",
                                                                 detail + fmt::format(" position {}", position), now)));
            }
        }

        for (const auto& [household, mail] : mails) {
            GUICHET_TRY(people, tx.family().representatives_of(scope.commune, core::HouseholdId{household}));
            std::string children_text, waiting_text;
            for (const auto& name : mail.children)
                children_text += (children_text.empty() ? "" : ", ") + name;
            for (const auto& position : mail.waiting)
                waiting_text += (waiting_text.empty() ? "" : ", ") + position;
            const std::string decision = mail.not_placed == 0 ? "placed" : mail.placed == 0 ? "waiting" : "mixed";
            for (const family::Representative& person : people) {
                if (person.email.empty())
                    continue;
                std::map<std::string, std::string> variables = {
                    {"civility", std::string(identity::civility_name(person.civility))},
                    {"first_name", person.first_name},
                    {"last_name", person.last_name},
                    {"activity", session->name},
                    {"child", children_text},
                    {"decision", decision},
                    {"reason", waiting_text}};
                GUICHET_TRY_STATUS(tx.outbox().enqueue(
                    {scope.commune, person.email, "allocation_results", "fr", std::move(variables)}));
            }
        }
        return {};
    });
}

core::Result<SessionAllocationView> AllocationService::session_view(const Scope& scope, std::string_view session_code) {
    SessionAllocationView view;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        GUICHET_TRY(session, session_of(*entry.catalog, session_code));
        view.session = *session;
        view.state = window_state(session->allocation, scope.zone, now);
        GUICHET_TRY(run, tx.allocation().find_run(scope.commune, session->id));
        view.run = run;
        if (run)
            view.state = WindowState::allocated;
        GUICHET_TRY(requests, tx.allocation().requests_of_session(scope.commune, session->id));
        std::vector<core::ChildId> child_ids;
        std::vector<core::HouseholdId> household_ids;
        for (const auto& request : requests) {
            child_ids.push_back(request.child);
            household_ids.push_back(request.household);
        }
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, child_ids));
        GUICHET_TRY(households, tx.family().households_by_ids(scope.commune, household_ids));
        std::map<long long, std::string> names, references;
        for (const auto& child : children)
            names[child.id.value()] = child.first_name + " " + core::uppercase_fr(child.last_name);
        for (const auto& household : households)
            references[household.id.value()] = household.reference;
        std::map<long long, AllocationLine> lines;
        for (const auto& request : requests)
            lines[request.id] = {request, names[request.child.value()], references[request.household.value()], {}};
        if (run) {
            for (const auto& outcome : result_from_text(run->results)) {
                if (auto found = lines.find(outcome.request); found != lines.end()) {
                    found->second.outcome = outcome;
                    view.lines.push_back(found->second);
                    lines.erase(found);
                }
            }
        }
        for (auto& [id, line] : lines)
            view.lines.push_back(std::move(line));
        return {};
    }));
    return view;
}

core::Result<AllocationReplay> AllocationService::replay(const Scope& scope, std::string_view session_code) {
    AllocationReplay replay;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        GUICHET_TRY(session, session_of(*entry.catalog, session_code));
        GUICHET_TRY(run, tx.allocation().find_run(scope.commune, session->id));
        if (!run)
            return core::fail(core::ErrorCode::not_found, "err_allocation_not_run");
        replay.run = *run;
        GUICHET_TRY(requests, tx.allocation().requests_of_session(scope.commune, session->id));
        // The requests the run decided on are those it recorded; each with the criteria recorded at closing.
        std::set<long long> decided;
        for (const auto& outcome : result_from_text(run->results))
            decided.insert(outcome.request);
        AllocationInput input{run->places, {}, run->priorities, run->seed};
        for (const auto& request : requests) {
            if (!decided.contains(request.id))
                continue;
            input.candidates.push_back({request.id, request.household, request.child, request.site,
                                        days_at(run->places, request.site), request.criteria});
        }
        replay.result = allocate(input);
        replay.same = result_text(replay.result) == run->results;
        return {};
    }));
    return replay;
}

}  // namespace guichet::booking
