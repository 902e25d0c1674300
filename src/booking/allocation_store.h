#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/allocation.h"
#include "catalog/allocation_rules.h"
#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"
#include "core/result.h"

namespace guichet::booking {

// The life of a pre-registration request (demande de pré-inscription):
//   requested ──withdraw (until closing)──▶ withdrawn ──request again──▶ requested
//   requested ──the allocation at closing──▶ placed | waiting
// A request never takes a place: only the allocation does, once, at closing.
enum class RequestStatus { requested, withdrawn, placed, waiting };

[[nodiscard]] std::string_view request_status_name(RequestStatus status);
[[nodiscard]] std::optional<RequestStatus> request_status_from_name(std::string_view name);

// One child's request for one session in pre-registration: the whole session, at the site the family chose.
struct AllocationRequest {
    long long id = 0;
    core::CommuneId commune{0};
    core::HolidaySessionId session{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::SiteId site{0};
    bool both_parents_working = false;  // declared by the family with its request
    RequestStatus status = RequestStatus::requested;
    // The criteria the child met when the window closed, recorded by the allocation so that a replay reads the same.
    std::vector<catalog::Criterion> criteria;
    core::AccountId requested_by{0};
    core::Instant requested_at{};
    std::optional<core::Instant> withdrawn_at;
};

// The allocation of a session, once: its seed, when it ran, and everything it read besides the requests (the
// weights, the places left) with what it decided, so that `guichet allocation replay` recomputes it.
struct AllocationRun {
    long long id = 0;
    core::CommuneId commune{0};
    core::HolidaySessionId session{0};
    std::uint64_t seed = 0;
    core::Instant at{};
    std::vector<catalog::Priority> priorities;
    std::map<std::pair<long long, core::CivilDate>, int> places;  // (site, day) → places left at closing
    std::string results;                                          // result_text() of what it decided
};

// The requests and runs, inside the transaction of the step that holds this store. Every lookup is scoped by
// commune: an id of another commune is not found.
class AllocationStore {
  public:
    virtual ~AllocationStore() = default;

    // Stores a new request and returns its id. Fails with conflict "err_allocation_already" when the child already
    // has a request (any status) for the session: a withdrawn one is requested again by update_request.
    [[nodiscard]] virtual core::Result<long long> insert_request(const AllocationRequest& request) = 0;
    // Writes back the request's site, declaration, status, criteria, author and times when its stored status is
    // `expected`; false, writing nothing, otherwise.
    [[nodiscard]] virtual core::Result<bool> update_request(const AllocationRequest& request,
                                                            RequestStatus expected) = 0;
    [[nodiscard]] virtual core::Result<std::optional<AllocationRequest>> find_request(core::CommuneId commune,
                                                                                      core::HolidaySessionId session,
                                                                                      core::ChildId child) = 0;
    // Every request of the session, every status, by id.
    [[nodiscard]] virtual core::Result<std::vector<AllocationRequest>> requests_of_session(
        core::CommuneId commune, core::HolidaySessionId session) = 0;

    // Records the session's run. Fails with conflict "err_allocation_done" when the session already has one (two
    // processes closing it at once: the second's transaction rolls back).
    [[nodiscard]] virtual core::Result<long long> insert_run(const AllocationRun& run) = 0;
    [[nodiscard]] virtual core::Result<std::optional<AllocationRun>> find_run(core::CommuneId commune,
                                                                              core::HolidaySessionId session) = 0;
};

// The text forms the stores keep: criteria "resident,previous_waiting_list", priorities "resident=100,…",
// places "3:2027-02-15=12;…". Reading skips what it does not know.
[[nodiscard]] std::string criteria_text(const std::vector<catalog::Criterion>& criteria);
[[nodiscard]] std::vector<catalog::Criterion> criteria_of(std::string_view text);
[[nodiscard]] std::string priorities_text(const std::vector<catalog::Priority>& priorities);
[[nodiscard]] std::vector<catalog::Priority> priorities_of(std::string_view text);
[[nodiscard]] std::string places_text(const std::map<std::pair<long long, core::CivilDate>, int>& places);
[[nodiscard]] std::map<std::pair<long long, core::CivilDate>, int> places_of(std::string_view text);

}  // namespace guichet::booking
