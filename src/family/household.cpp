#include "family/household.h"

#include "core/enum_names.h"

namespace guichet::family {
namespace {

constexpr core::EnumNames<Relationship, 4> kRelationships = {{{Relationship::mother, "mother"},
                                                              {Relationship::father, "father"},
                                                              {Relationship::guardian, "guardian"},
                                                              {Relationship::other, "other"}}};
constexpr core::EnumNames<Sex, 2> kSexes = {{{Sex::female, "female"}, {Sex::male, "male"}}};
constexpr core::EnumNames<DietaryOption, 4> kDiets = {{{DietaryOption::standard, "standard"},
                                                       {DietaryOption::no_pork, "no_pork"},
                                                       {DietaryOption::no_meat, "no_meat"},
                                                       {DietaryOption::packed_meal, "packed_meal"}}};
constexpr core::EnumNames<ClassLevel, 9> kClasses = {{{ClassLevel::none, "none"},
                                                      {ClassLevel::ps, "ps"},
                                                      {ClassLevel::ms, "ms"},
                                                      {ClassLevel::gs, "gs"},
                                                      {ClassLevel::cp, "cp"},
                                                      {ClassLevel::ce1, "ce1"},
                                                      {ClassLevel::ce2, "ce2"},
                                                      {ClassLevel::cm1, "cm1"},
                                                      {ClassLevel::cm2, "cm2"}}};
constexpr core::EnumNames<QuotientSource, 2> kSources = {
    {{QuotientSource::caf, "caf"}, {QuotientSource::commune, "commune"}}};

}  // namespace

std::string_view relationship_name(Relationship value) {
    return core::name_of(kRelationships, value);
}
std::optional<Relationship> relationship_from_name(std::string_view name) {
    return core::value_of(kRelationships, name);
}
std::string_view sex_name(Sex value) {
    return core::name_of(kSexes, value);
}
std::optional<Sex> sex_from_name(std::string_view name) {
    return core::value_of(kSexes, name);
}
std::string_view diet_name(DietaryOption value) {
    return core::name_of(kDiets, value);
}
std::optional<DietaryOption> diet_from_name(std::string_view name) {
    return core::value_of(kDiets, name);
}
std::string_view class_name(ClassLevel value) {
    return core::name_of(kClasses, value);
}
std::optional<ClassLevel> class_from_name(std::string_view name) {
    return core::value_of(kClasses, name);
}
std::string_view quotient_source_name(QuotientSource value) {
    return core::name_of(kSources, value);
}
std::optional<QuotientSource> quotient_source_from_name(std::string_view name) {
    return core::value_of(kSources, name);
}

}  // namespace guichet::family
