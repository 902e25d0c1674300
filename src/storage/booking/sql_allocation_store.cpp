#include "storage/booking/sql_allocation_store.h"

#include <fmt/format.h>

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using booking::AllocationRequest;
using booking::AllocationRun;
using booking::RequestStatus;

constexpr const char* kRequestColumns =
    "SELECT id, commune_id, session_id, household_id, child_id, site_id, both_parents_working, status, criteria, "
    "requested_by, requested_at_us, withdrawn_at_us FROM allocation_request ";

struct RequestRow {
    long long id = 0, commune = 0, session = 0, household = 0, child = 0, site = 0, working = 0, by = 0, at = 0;
    std::string status, criteria;
    OptionalInstantColumn withdrawn;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &session, &household, &child, &site, &working})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(status));
        s.exchange(soci::into(criteria));
        s.exchange(soci::into(by));
        s.exchange(soci::into(at));
        s.exchange(soci::into(withdrawn.micros, withdrawn.indicator));
    }

    [[nodiscard]] AllocationRequest value() const {
        AllocationRequest r;
        r.id = id;
        r.commune = core::CommuneId{commune};
        r.session = core::HolidaySessionId{session};
        r.household = core::HouseholdId{household};
        r.child = core::ChildId{child};
        r.site = core::SiteId{site};
        r.both_parents_working = working != 0;
        r.status = booking::request_status_from_name(status).value_or(RequestStatus::withdrawn);
        r.criteria = booking::criteria_of(criteria);
        r.requested_by = core::AccountId{by};
        r.requested_at = from_micros(at);
        r.withdrawn_at = withdrawn.get();
        return r;
    }
};

struct RunRow {
    long long id = 0, commune = 0, session = 0, at = 0;
    std::string seed, priorities, places, results;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &session})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(seed));
        s.exchange(soci::into(at));
        s.exchange(soci::into(priorities));
        s.exchange(soci::into(places));
        s.exchange(soci::into(results));
    }

    [[nodiscard]] AllocationRun value() const {
        AllocationRun r;
        r.id = id;
        r.commune = core::CommuneId{commune};
        r.session = core::HolidaySessionId{session};
        r.seed = std::stoull(seed, nullptr, 16);  // written by insert_run: always 16 hex digits
        r.at = from_micros(at);
        r.priorities = booking::priorities_of(priorities);
        r.places = booking::places_of(places);
        r.results = results;
        return r;
    }
};

struct IdRow {
    long long id = 0;
    void bind(soci::statement& s) { s.exchange(soci::into(id)); }
    [[nodiscard]] long long value() const { return id; }
};

}  // namespace

core::Result<long long> SqlAllocationStore::insert_request(const AllocationRequest& request) {
    long long commune = request.commune.value(), session = request.session.value(), child = request.child.value(),
              household = request.household.value(), site = request.site.value(),
              working = request.both_parents_working ? 1 : 0, by = request.requested_by.value(),
              at = to_micros(request.requested_at), already = 0, id = 0;
    m_session << "SELECT COUNT(*) FROM allocation_request WHERE commune_id = :c AND session_id = :s AND child_id = :ch",
        soci::use(commune), soci::use(session), soci::use(child), soci::into(already);
    if (already > 0)
        return core::fail(core::ErrorCode::conflict, "err_allocation_already");
    const std::string status(booking::request_status_name(request.status)),
        criteria = booking::criteria_text(request.criteria);
    m_session << "INSERT INTO allocation_request (commune_id, session_id, household_id, child_id, site_id, "
                 "both_parents_working, status, criteria, requested_by, requested_at_us) VALUES (:c, :s, :h, :ch, "
                 ":site, :w, :status, :criteria, :by, :at) RETURNING id",
        soci::use(commune), soci::use(session), soci::use(household), soci::use(child), soci::use(site),
        soci::use(working), soci::use(status), soci::use(criteria), soci::use(by), soci::use(at), soci::into(id);
    return id;
}

core::Result<bool> SqlAllocationStore::update_request(const AllocationRequest& request, RequestStatus expected) {
    long long commune = request.commune.value(), id = request.id, site = request.site.value(),
              working = request.both_parents_working ? 1 : 0, by = request.requested_by.value(),
              at = to_micros(request.requested_at);
    OptionalInstantColumn withdrawn;
    withdrawn.set(request.withdrawn_at);
    const std::string status(booking::request_status_name(request.status)),
        criteria = booking::criteria_text(request.criteria), was(booking::request_status_name(expected));
    soci::statement statement =
        (m_session.prepare << "UPDATE allocation_request SET site_id = :site, both_parents_working = :w, status = "
                              ":status, criteria = :criteria, requested_by = :by, requested_at_us = :at, "
                              "withdrawn_at_us = :withdrawn WHERE id = :id AND commune_id = :c AND status = :was",
         soci::use(site), soci::use(working), soci::use(status), soci::use(criteria), soci::use(by), soci::use(at),
         soci::use(withdrawn.micros, withdrawn.indicator), soci::use(id), soci::use(commune), soci::use(was));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::optional<AllocationRequest>> SqlAllocationStore::find_request(core::CommuneId commune,
                                                                                core::HolidaySessionId session,
                                                                                core::ChildId child) {
    long long c = commune.value(), s = session.value(), ch = child.value();
    return first(query_rows<RequestRow>(
        m_session, std::string(kRequestColumns) + "WHERE commune_id = :c AND session_id = :s AND child_id = :ch",
        [&](soci::statement& statement) {
            statement.exchange(soci::use(c));
            statement.exchange(soci::use(s));
            statement.exchange(soci::use(ch));
        }));
}

core::Result<std::vector<AllocationRequest>> SqlAllocationStore::requests_of_session(core::CommuneId commune,
                                                                                     core::HolidaySessionId session) {
    long long c = commune.value(), s = session.value();
    return query_rows<RequestRow>(
        m_session, std::string(kRequestColumns) + "WHERE commune_id = :c AND session_id = :s ORDER BY id",
        [&](soci::statement& statement) {
            statement.exchange(soci::use(c));
            statement.exchange(soci::use(s));
        });
}

core::Result<long long> SqlAllocationStore::insert_run(const AllocationRun& run) {
    long long commune = run.commune.value(), session = run.session.value(), at = to_micros(run.at), id = 0;
    const std::string seed = fmt::format("{:016x}", run.seed), priorities = booking::priorities_text(run.priorities),
                      places = booking::places_text(run.places);
    // The unique key on session_id refuses a second run: the driver's violation becomes a conflict and the
    // transaction of the second process rolls back.
    m_session << "INSERT INTO allocation_run (commune_id, session_id, seed, ran_at_us, priorities, places, results) "
                 "VALUES (:c, :s, :seed, :at, :priorities, :places, :results) RETURNING id",
        soci::use(commune), soci::use(session), soci::use(seed), soci::use(at), soci::use(priorities),
        soci::use(places), soci::use(run.results), soci::into(id);
    return id;
}

core::Result<std::optional<AllocationRun>> SqlAllocationStore::find_run(core::CommuneId commune,
                                                                        core::HolidaySessionId session) {
    long long c = commune.value(), s = session.value();
    return first(query_rows<RunRow>(m_session,
                                    "SELECT id, commune_id, session_id, seed, ran_at_us, priorities, places, results "
                                    "FROM allocation_run WHERE commune_id = :c AND session_id = :s",
                                    [&](soci::statement& statement) {
                                        statement.exchange(soci::use(c));
                                        statement.exchange(soci::use(s));
                                    }));
}

}  // namespace guichet::storage
