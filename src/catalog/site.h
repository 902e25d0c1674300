#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"

namespace guichet::catalog {

// What a site is: a school (école), where the périscolaire runs, or a centre de loisirs.
enum class SiteKind { school, centre };

[[nodiscard]] std::string_view site_kind_name(SiteKind kind);
[[nodiscard]] std::optional<SiteKind> site_kind_from_name(std::string_view name);

struct SiteAddress {
    std::string street;
    std::string postcode;
    std::string town;

    friend bool operator==(const SiteAddress&, const SiteAddress&) = default;
};

// A place where activities run. `code` is stable (the catalogue file and other modules name the site by it) and
// unique in its commune.
struct Site {
    core::SiteId id{0};
    core::CommuneId commune{0};
    std::string code;  // "ecole-roger-salengro"
    std::string name;  // "École élémentaire Roger Salengro"
    SiteKind kind = SiteKind::school;
    SiteAddress address;

    friend bool operator==(const Site&, const Site&) = default;
};

}  // namespace guichet::catalog
