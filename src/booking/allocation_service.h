#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "booking/allocation.h"
#include "booking/allocation_store.h"
#include "booking/booking_service.h"
#include "catalog/catalog_cache.h"
#include "catalog/holiday_session.h"
#include "core/clock.h"

namespace guichet::booking {

// A random 64-bit seed from the operating system's generator (libsodium's randombytes).
[[nodiscard]] std::uint64_t random_seed();

// Where a session's pre-registration stands at an instant.
enum class WindowState { not_open, open, closed, allocated };

// What a family sees of a session in pre-registration for one child: the session and its published rules, the
// window, the child's request and, once allocated, his result.
struct ChildAllocation {
    catalog::HolidaySession session;
    WindowState state = WindowState::not_open;
    std::string child_name;
    std::optional<AllocationRequest> request;
    std::optional<AllocationOutcome> outcome;  // once allocated, for his request
    std::optional<int> waiting_position;       // not placed: his place among the unlucky, 1 for the first
    std::optional<std::uint64_t> seed;         // once allocated
};

// One line of the agents' results table.
struct AllocationLine {
    AllocationRequest request;
    std::string child_name;           // "Rémi DUPONT"
    std::string household_reference;  // "F000123"
    std::optional<AllocationOutcome> outcome;
};

// The agents' view of a session: its rules, its requests and, once allocated, the run and every outcome in rank order.
struct SessionAllocationView {
    catalog::HolidaySession session;
    WindowState state = WindowState::not_open;
    std::optional<AllocationRun> run;
    std::vector<AllocationLine> lines;  // by rank once allocated, by request before
};

// A replay: the result recomputed from what the run recorded, and whether it equals the recorded one.
struct AllocationReplay {
    AllocationRun run;
    AllocationResult result;
    bool same = false;
};

// The use cases of pre-registration (pré-inscription) for holiday sessions: families request a session during its
// window (requests are rows, they never take a place), the allocation at closing shares the places out once, and
// anyone may replay it. Each runs in one unit of work with its history rows.
class AllocationService {
  public:
    AllocationService(UnitOfWork& work, const core::Clock& clock, std::function<std::uint64_t()> seeds = random_seed)
        : m_work(work), m_clock(clock), m_seeds(std::move(seeds)) {}

    // The child's view of a session in pre-registration. Fails with not_found "err_booking_child_unknown" for a
    // child who is not the actor's, "err_allocation_session_unknown" for a session the commune lacks or that is
    // first come.
    [[nodiscard]] core::Result<ChildAllocation> child_view(const Scope& scope, const Actor& actor, core::ChildId child,
                                                           std::string_view session_code);
    // Requests the whole session at `site` for the child, during the window; again after a withdrawal. Fails with
    // conflict "err_allocation_not_open" before the window, "err_allocation_closed" after; invalid_input
    // "err_allocation_site" (field "site") for a site the session does not run at; conflict "err_allocation_already"
    // when he has a request in.
    [[nodiscard]] core::Result<AllocationRequest> request(const Scope& scope, const Actor& actor, core::ChildId child,
                                                          std::string_view session_code, core::SiteId site,
                                                          bool both_parents_working);
    // Withdraws the child's request, until closing. Fails with not_found "err_allocation_no_request" when he has
    // none in, conflict "err_allocation_closed" after closing.
    [[nodiscard]] core::Status withdraw(const Scope& scope, const Actor& actor, core::ChildId child,
                                        std::string_view session_code);

    // Allocates every session of the commune whose window closed by `now` and that has no run yet, each in its own
    // unit of work; returns how many it allocated. A session another process allocated meanwhile is skipped.
    [[nodiscard]] core::Result<std::size_t> allocate_due(const Scope& scope, core::Instant now);

    // The agents' view of a session.
    [[nodiscard]] core::Result<SessionAllocationView> session_view(const Scope& scope, std::string_view session_code);

    // Recomputes the session's allocation from its recorded requests, criteria, places and seed. Fails with
    // not_found "err_allocation_not_run" when it has not run.
    [[nodiscard]] core::Result<AllocationReplay> replay(const Scope& scope, std::string_view session_code);

  private:
    [[nodiscard]] core::Status allocate_session(const Scope& scope, core::HolidaySessionId session, core::Instant now);

    UnitOfWork& m_work;
    const core::Clock& m_clock;
    std::function<std::uint64_t()> m_seeds;
    catalog::CatalogCache m_catalogs;
};

// The state of a session's window at `now` on the commune's clocks (allocated is the caller's to tell).
[[nodiscard]] WindowState window_state(const catalog::SessionAllocation& allocation, const core::TimeZone& zone,
                                       core::Instant now);

}  // namespace guichet::booking
