#pragma once

#include <vector>

#include "booking/allocation_store.h"

namespace guichet::booking::testing {

// The pre-registration requests and allocation runs of the in-memory world the domain tests use.
struct AllocationState {
    std::vector<AllocationRequest> requests;
    std::vector<AllocationRun> runs;
    long long next_id = 1;
};

// booking::AllocationStore on an AllocationState, with the rules the database holds (one request per child and
// session, one run per session).
class InMemoryAllocationStore final : public AllocationStore {
  public:
    explicit InMemoryAllocationStore(AllocationState& state) : m_state(state) {}

    core::Result<long long> insert_request(const AllocationRequest& request) override;
    core::Result<bool> update_request(const AllocationRequest& request, RequestStatus expected) override;
    core::Result<std::optional<AllocationRequest>> find_request(core::CommuneId commune, core::HolidaySessionId session,
                                                                core::ChildId child) override;
    core::Result<std::vector<AllocationRequest>> requests_of_session(core::CommuneId commune,
                                                                     core::HolidaySessionId session) override;
    core::Result<long long> insert_run(const AllocationRun& run) override;
    core::Result<std::optional<AllocationRun>> find_run(core::CommuneId commune,
                                                        core::HolidaySessionId session) override;

  private:
    AllocationState& m_state;
};

}  // namespace guichet::booking::testing
