#include "booking/deadline_instant.h"

#include <cassert>

#include "core/local_date_time.h"
#include "core/public_holidays.h"

namespace guichet::booking {

core::CivilDate day_before(core::CivilDate reference, int days, catalog::DayCounting counting) noexcept {
    assert(days >= 0);
    if (counting == catalog::DayCounting::calendar) {
        return reference.add_days(-days);
    }
    core::CivilDate day = reference;
    for (int counted = 0; counted < days;) {
        day = day.add_days(-1);
        if (core::is_french_working_day(day)) {
            ++counted;
        }
    }
    return day;
}

core::Result<core::Instant> deadline_instant(const catalog::Deadline& deadline, core::CivilDate reference,
                                             const core::TimeZone& zone) {
    const core::LocalDateTime local(day_before(reference, deadline.days, deadline.counting), deadline.time);
    return zone.to_instant(local, core::TimeZone::RepeatedReading::later);
}

}  // namespace guichet::booking
