#include "booking/allocation.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>

#include <fmt/format.h>

namespace guichet::booking {

namespace {

// A number drawn uniformly from 0..bound (included), by rejection on the generator's 64-bit outputs, so that every
// library gives the same numbers for the same seed.
std::uint64_t draw_below_or_equal(std::mt19937_64& generator, std::uint64_t bound) {
    const std::uint64_t range = bound + 1;
    if (range == 0)
        return generator();  // the whole 64-bit range
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % range + 1) % range;
    for (;;) {
        const std::uint64_t value = generator();
        if (value <= limit)
            return value % range;
    }
}

bool meets(const AllocationCandidate& candidate, catalog::Criterion criterion) {
    return std::find(candidate.criteria.begin(), candidate.criteria.end(), criterion) != candidate.criteria.end();
}

int score_of(const AllocationCandidate& candidate, const std::vector<catalog::Priority>& priorities) {
    int score = 0;
    for (const auto& priority : priorities)
        if (priority.criterion != catalog::Criterion::siblings_together && meets(candidate, priority.criterion))
            score += priority.weight;
    return score;
}

// Candidates placed together or not at all: a household's children with siblings_together, each alone otherwise.
struct Group {
    std::vector<std::size_t> members;  // indexes into the candidates, best draw first
    int score = 0;
    int draw = 0;  // the best (lowest) number of its members
};

}  // namespace

std::vector<int> lottery_numbers(std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937_64 generator(seed);
    for (std::size_t i = count; i > 1; --i) {
        const auto j = static_cast<std::size_t>(draw_below_or_equal(generator, i - 1));
        std::swap(order[i - 1], order[j]);
    }
    std::vector<int> numbers(count);
    for (std::size_t position = 0; position < count; ++position)
        numbers[order[position]] = static_cast<int>(position) + 1;
    return numbers;
}

AllocationResult allocate(const AllocationInput& input) {
    std::vector<AllocationCandidate> candidates = input.candidates;
    std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.request < b.request; });
    const std::vector<int> draws = lottery_numbers(candidates.size(), input.seed);
    std::vector<int> scores(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        scores[i] = score_of(candidates[i], input.priorities);

    const auto siblings = std::find_if(input.priorities.begin(), input.priorities.end(), [](const auto& priority) {
        return priority.criterion == catalog::Criterion::siblings_together;
    });
    std::vector<Group> groups;
    std::map<long long, std::size_t> group_of_household;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (siblings != input.priorities.end()) {
            const auto [found, added] = group_of_household.try_emplace(candidates[i].household.value(), groups.size());
            if (added)
                groups.emplace_back();
            groups[found->second].members.push_back(i);
        } else {
            groups.push_back(Group{{i}});
        }
    }
    for (auto& group : groups) {
        std::sort(group.members.begin(), group.members.end(),
                  [&](std::size_t a, std::size_t b) { return draws[a] < draws[b]; });
        group.draw = draws[group.members.front()];
        for (const auto member : group.members)
            group.score = std::max(group.score, scores[member]);
        if (siblings != input.priorities.end() && group.members.size() > 1)
            group.score += siblings->weight;
    }
    std::sort(groups.begin(), groups.end(),
              [](const Group& a, const Group& b) { return a.score != b.score ? a.score > b.score : a.draw < b.draw; });

    auto places = input.places;
    AllocationResult result;
    for (const auto& group : groups) {
        auto left = places;
        bool fits = true;
        for (const auto member : group.members) {
            for (const auto day : candidates[member].days) {
                const auto found = left.find({candidates[member].site.value(), day});
                if (found == left.end() || found->second <= 0) {
                    fits = false;
                    break;
                }
                --found->second;
            }
            if (!fits)
                break;
        }
        if (fits)
            places = std::move(left);
        for (const auto member : group.members) {
            result.push_back(
                {candidates[member].request, fits, group.score, draws[member], static_cast<int>(result.size()) + 1});
        }
    }
    return result;
}

std::string result_text(const AllocationResult& result) {
    std::string text;
    for (const auto& outcome : result) {
        if (!text.empty())
            text += ';';
        text += fmt::format("{}:{}:{}:{}:{}", outcome.request, outcome.placed ? "placed" : "waiting", outcome.score,
                            outcome.draw, outcome.rank);
    }
    return text;
}

AllocationResult result_from_text(std::string_view text) {
    AllocationResult result;
    while (!text.empty()) {
        const auto end = text.find(';');
        const std::string piece(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        long long request = 0;
        int score = 0, draw = 0, rank = 0, consumed = 0;
        char status[8] = {};
        if (std::sscanf(piece.c_str(), "%lld:%7[a-z]:%d:%d:%d%n", &request, status, &score, &draw, &rank, &consumed) ==
                5 &&
            consumed == static_cast<int>(piece.size())) {
            result.push_back({request, std::string_view(status) == "placed", score, draw, rank});
        }
    }
    return result;
}

}  // namespace guichet::booking
