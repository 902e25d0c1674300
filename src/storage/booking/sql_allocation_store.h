#pragma once

#include <soci/soci.h>

#include "booking/allocation_store.h"

namespace guichet::storage {

// booking::AllocationStore on one SQL transaction (both backends): tables allocation_request and allocation_run
// (migration 10). Handed out by the unit of work (storage/unit_of_work.h); lives as long as its transaction.
class SqlAllocationStore final : public booking::AllocationStore {
  public:
    explicit SqlAllocationStore(soci::session& session) : m_session(session) {}

    core::Result<long long> insert_request(const booking::AllocationRequest& request) override;
    core::Result<bool> update_request(const booking::AllocationRequest& request,
                                      booking::RequestStatus expected) override;
    core::Result<std::optional<booking::AllocationRequest>> find_request(core::CommuneId commune,
                                                                         core::HolidaySessionId session,
                                                                         core::ChildId child) override;
    core::Result<std::vector<booking::AllocationRequest>> requests_of_session(core::CommuneId commune,
                                                                              core::HolidaySessionId session) override;
    core::Result<long long> insert_run(const booking::AllocationRun& run) override;
    core::Result<std::optional<booking::AllocationRun>> find_run(core::CommuneId commune,
                                                                 core::HolidaySessionId session) override;

  private:
    soci::session& m_session;
};

}  // namespace guichet::storage
