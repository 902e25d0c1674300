#include "catalog/allocation_rules.h"

#include <array>
#include <utility>

namespace guichet::catalog {

namespace {

constexpr std::array<std::pair<Criterion, std::string_view>, 4> kCriteria{{
    {Criterion::resident, "resident"},
    {Criterion::siblings_together, "siblings_together"},
    {Criterion::both_parents_working, "both_parents_working"},
    {Criterion::previous_waiting_list, "previous_waiting_list"},
}};

}  // namespace

std::string_view criterion_name(Criterion criterion) {
    for (const auto& [value, name] : kCriteria)
        if (value == criterion)
            return name;
    return "resident";
}

std::optional<Criterion> criterion_from_name(std::string_view name) {
    for (const auto& [value, known] : kCriteria)
        if (known == name)
            return value;
    return std::nullopt;
}

std::optional<int> SessionAllocation::weight_of(Criterion criterion) const {
    for (const auto& priority : priorities)
        if (priority.criterion == criterion)
            return priority.weight;
    return std::nullopt;
}

}  // namespace guichet::catalog
