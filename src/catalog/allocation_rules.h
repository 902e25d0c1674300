#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_date_time.h"

namespace guichet::catalog {

// What the commune weighs when it shares out the places of a session in pre-registration (critères de priorité).
// The list is fixed: the code knows how to tell each one of a request.
//   resident               the household's postal code is one of the rules' `resident_postcodes`
//   siblings_together      the household's children who asked for the session are placed together or not at all
//   both_parents_working   the family declared, with its request, that both parents work
//   previous_waiting_list  the child was on a waiting list of the previous session of the same activity
enum class Criterion { resident, siblings_together, both_parents_working, previous_waiting_list };

[[nodiscard]] std::string_view criterion_name(Criterion criterion);
[[nodiscard]] std::optional<Criterion> criterion_from_name(std::string_view name);

struct Priority {
    Criterion criterion = Criterion::resident;
    int weight = 0;  // 0..1000

    friend bool operator==(const Priority&, const Priority&) = default;
};

// How a holiday session's places are given: first come, first served (réservation au fil de l'eau), or a
// pre-registration window (pré-inscription) from `opens_at` to `closes_at` during which families place requests,
// and at whose closing the places are shared out by the priorities and a seeded lottery for ties.
enum class AllocationMode { first_come, pre_registration };

struct SessionAllocation {
    AllocationMode mode = AllocationMode::first_come;
    // On the commune's clocks ("le 01/10/2026 à 20:00"); both set, opens_at before closes_at, in pre-registration.
    std::optional<core::LocalDateTime> opens_at;
    std::optional<core::LocalDateTime> closes_at;
    std::vector<Priority> priorities;             // published to families, in this order
    std::vector<std::string> resident_postcodes;  // the commune's postal codes ("78570")

    [[nodiscard]] bool pre_registration() const noexcept { return mode == AllocationMode::pre_registration; }
    // The weight of a criterion, or nothing when the rules do not weigh it.
    [[nodiscard]] std::optional<int> weight_of(Criterion criterion) const;

    friend bool operator==(const SessionAllocation&, const SessionAllocation&) = default;
};

// The allocation as the JSON text of the catalogue file's "allocation" member, compact, or "" for first come: what
// the database keeps in one column (allocation_file.cpp).
[[nodiscard]] std::string write_allocation(const SessionAllocation& allocation);
// Reads that text back; nothing when it is not a valid allocation.
[[nodiscard]] std::optional<SessionAllocation> read_allocation(std::string_view text);

}  // namespace guichet::catalog
