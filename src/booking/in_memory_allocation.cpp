#include "booking/in_memory_allocation.h"

#include <algorithm>

namespace guichet::booking::testing {

core::Result<long long> InMemoryAllocationStore::insert_request(const AllocationRequest& request) {
    const bool exists = std::any_of(m_state.requests.begin(), m_state.requests.end(), [&](const auto& r) {
        return r.session == request.session && r.child == request.child;
    });
    if (exists)
        return core::fail(core::ErrorCode::conflict, "err_allocation_already");
    AllocationRequest stored = request;
    stored.id = m_state.next_id++;
    m_state.requests.push_back(stored);
    return stored.id;
}

core::Result<bool> InMemoryAllocationStore::update_request(const AllocationRequest& request, RequestStatus expected) {
    for (auto& stored : m_state.requests) {
        if (stored.id != request.id || stored.commune != request.commune)
            continue;
        if (stored.status != expected)
            return false;
        stored.site = request.site;
        stored.both_parents_working = request.both_parents_working;
        stored.status = request.status;
        stored.criteria = request.criteria;
        stored.requested_by = request.requested_by;
        stored.requested_at = request.requested_at;
        stored.withdrawn_at = request.withdrawn_at;
        return true;
    }
    return false;
}

core::Result<std::optional<AllocationRequest>> InMemoryAllocationStore::find_request(core::CommuneId commune,
                                                                                     core::HolidaySessionId session,
                                                                                     core::ChildId child) {
    for (const auto& stored : m_state.requests)
        if (stored.commune == commune && stored.session == session && stored.child == child)
            return stored;
    return std::optional<AllocationRequest>{};
}

core::Result<std::vector<AllocationRequest>> InMemoryAllocationStore::requests_of_session(
    core::CommuneId commune, core::HolidaySessionId session) {
    std::vector<AllocationRequest> found;
    for (const auto& stored : m_state.requests)
        if (stored.commune == commune && stored.session == session)
            found.push_back(stored);
    return found;
}

core::Result<long long> InMemoryAllocationStore::insert_run(const AllocationRun& run) {
    const bool exists =
        std::any_of(m_state.runs.begin(), m_state.runs.end(), [&](const auto& r) { return r.session == run.session; });
    if (exists)
        return core::fail(core::ErrorCode::conflict, "err_allocation_done");
    AllocationRun stored = run;
    stored.id = m_state.next_id++;
    m_state.runs.push_back(stored);
    return stored.id;
}

core::Result<std::optional<AllocationRun>> InMemoryAllocationStore::find_run(core::CommuneId commune,
                                                                             core::HolidaySessionId session) {
    for (const auto& stored : m_state.runs)
        if (stored.commune == commune && stored.session == session)
            return stored;
    return std::optional<AllocationRun>{};
}

}  // namespace guichet::booking::testing
