#include "catalog/holiday_session.h"

namespace guichet::catalog {

std::optional<int> HolidaySession::capacity_at(core::SiteId site) const {
    for (const auto& entry : sites) {
        if (entry.site == site)
            return entry.capacity;
    }
    return std::nullopt;
}

}  // namespace guichet::catalog
