#include "family/household.h"

#include <array>
#include <utility>

namespace guichet::family {
namespace {

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value)
            return name;
    }
    return names.front().second;
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view name) {
    for (const auto& [candidate, known] : names) {
        if (known == name)
            return candidate;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Relationship, std::string_view>, 4> kRelationships = {
    {{Relationship::mother, "mother"},
     {Relationship::father, "father"},
     {Relationship::guardian, "guardian"},
     {Relationship::other, "other"}}};
constexpr std::array<std::pair<Sex, std::string_view>, 2> kSexes = {{{Sex::female, "female"}, {Sex::male, "male"}}};
constexpr std::array<std::pair<DietaryOption, std::string_view>, 4> kDiets = {
    {{DietaryOption::standard, "standard"},
     {DietaryOption::no_pork, "no_pork"},
     {DietaryOption::no_meat, "no_meat"},
     {DietaryOption::packed_meal, "packed_meal"}}};
constexpr std::array<std::pair<ClassLevel, std::string_view>, 9> kClasses = {{{ClassLevel::none, "none"},
                                                                              {ClassLevel::ps, "ps"},
                                                                              {ClassLevel::ms, "ms"},
                                                                              {ClassLevel::gs, "gs"},
                                                                              {ClassLevel::cp, "cp"},
                                                                              {ClassLevel::ce1, "ce1"},
                                                                              {ClassLevel::ce2, "ce2"},
                                                                              {ClassLevel::cm1, "cm1"},
                                                                              {ClassLevel::cm2, "cm2"}}};
constexpr std::array<std::pair<QuotientSource, std::string_view>, 2> kSources = {
    {{QuotientSource::caf, "caf"}, {QuotientSource::commune, "commune"}}};

}  // namespace

std::string_view relationship_name(Relationship value) {
    return name_of(kRelationships, value);
}
std::optional<Relationship> relationship_from_name(std::string_view name) {
    return value_of(kRelationships, name);
}
std::string_view sex_name(Sex value) {
    return name_of(kSexes, value);
}
std::optional<Sex> sex_from_name(std::string_view name) {
    return value_of(kSexes, name);
}
std::string_view diet_name(DietaryOption value) {
    return name_of(kDiets, value);
}
std::optional<DietaryOption> diet_from_name(std::string_view name) {
    return value_of(kDiets, name);
}
std::string_view class_name(ClassLevel value) {
    return name_of(kClasses, value);
}
std::optional<ClassLevel> class_from_name(std::string_view name) {
    return value_of(kClasses, name);
}
std::string_view quotient_source_name(QuotientSource value) {
    return name_of(kSources, value);
}
std::optional<QuotientSource> quotient_source_from_name(std::string_view name) {
    return value_of(kSources, name);
}

}  // namespace guichet::family
