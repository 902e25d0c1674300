#include "catalog/site.h"

#include "core/enum_names.h"

namespace guichet::catalog {
namespace {

constexpr core::EnumNames<SiteKind, 2> kKinds = {{{SiteKind::school, "school"}, {SiteKind::centre, "centre"}}};

}  // namespace

std::string_view site_kind_name(SiteKind kind) {
    return core::name_of(kKinds, kind);
}

std::optional<SiteKind> site_kind_from_name(std::string_view name) {
    return core::value_of(kKinds, name);
}

}  // namespace guichet::catalog
