#include "catalog/catalog.h"

namespace guichet::catalog {
namespace {

template <class T, class Match>
const T* find_in(const std::vector<T>& entries, Match&& match) {
    for (const auto& entry : entries) {
        if (match(entry))
            return &entry;
    }
    return nullptr;
}

}  // namespace

const Site* Catalog::site(core::SiteId id) const noexcept {
    return find_in(sites, [&](const Site& s) { return s.id == id; });
}
const Site* Catalog::site_by_code(std::string_view code) const noexcept {
    return find_in(sites, [&](const Site& s) { return s.code == code; });
}
const Activity* Catalog::activity(core::ActivityId id) const noexcept {
    return find_in(activities, [&](const Activity& a) { return a.id == id; });
}
const Activity* Catalog::activity_by_code(std::string_view code) const noexcept {
    return find_in(activities, [&](const Activity& a) { return a.code == code; });
}
const HolidaySession* Catalog::session(core::HolidaySessionId id) const noexcept {
    return find_in(sessions, [&](const HolidaySession& s) { return s.id == id; });
}
const HolidaySession* Catalog::session_by_code(std::string_view code) const noexcept {
    return find_in(sessions, [&](const HolidaySession& s) { return s.code == code; });
}
const SchoolYear* Catalog::school_year_by_label(std::string_view label) const noexcept {
    return find_in(school_years, [&](const SchoolYear& y) { return y.label == label; });
}

}  // namespace guichet::catalog
