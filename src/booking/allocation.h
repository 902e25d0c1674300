#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/allocation_rules.h"
#include "core/civil_date.h"
#include "core/ids.h"

namespace guichet::booking {

// One family's request for a session in pre-registration, for one child, as the allocation sees it: the days asked
// for (the whole session at the chosen site) and the criteria the child met when the window closed.
struct AllocationCandidate {
    long long request = 0;  // the request's id: the lottery numbers candidates in this order first
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::SiteId site{0};
    std::vector<core::CivilDate> days;
    std::vector<catalog::Criterion> criteria;  // met by this child (siblings_together is the allocation's to tell)

    friend bool operator==(const AllocationCandidate&, const AllocationCandidate&) = default;
};

// Everything the allocation reads: the places left per site and day, the requests, the weights and the seed.
struct AllocationInput {
    std::map<std::pair<long long, core::CivilDate>, int> places;  // (site, day) → places left
    std::vector<AllocationCandidate> candidates;
    std::vector<catalog::Priority> priorities;
    std::uint64_t seed = 0;
};

// What the allocation decided for one request.
struct AllocationOutcome {
    long long request = 0;
    bool placed = false;
    int score = 0;  // the sum of the weights of the criteria the child (or his group) met
    int draw = 0;   // his number in the lottery, 1 for the first drawn
    int rank = 0;   // his place in the final order (score, then draw), 1 for the first; the unlucky's waiting order

    friend bool operator==(const AllocationOutcome&, const AllocationOutcome&) = default;
};

// The outcomes of every request, in rank order.
using AllocationResult = std::vector<AllocationOutcome>;

// Shares out the places (pure; same input → same result on every platform). The lottery is a Fisher–Yates shuffle
// of the candidates in request order, on the outputs of std::mt19937_64 seeded with `seed` (its outputs are fixed by
// the standard, and the bounded draws are made here, not by std::shuffle whose algorithm is the library's). Each
// candidate scores the sum of the weights of the criteria he met. With siblings_together weighed, a household's
// candidates form one group, placed all or none, scored by its best member plus the rule's weight when the group
// holds two children or more, and drawn by its best member's number. Groups (or single candidates) are taken by
// score, highest first, then by draw; each is placed when every day of every member still has a place at his site,
// else it is not placed and the next is tried.
[[nodiscard]] AllocationResult allocate(const AllocationInput& input);

// The draw: the permutation of `count` numbers that the seed gives, as allocate() uses it: result[i] is the lottery
// number (1-based) of the i-th candidate in request order.
[[nodiscard]] std::vector<int> lottery_numbers(std::size_t count, std::uint64_t seed);

// A canonical text of a result ("12:placed:150:3:1;13:waiting:0:1:2"), stored with the run and compared by replay.
[[nodiscard]] std::string result_text(const AllocationResult& result);
// Reads that text back; pieces it cannot read are left out.
[[nodiscard]] AllocationResult result_from_text(std::string_view text);

}  // namespace guichet::booking
