#pragma once

#include "catalog/rules.h"
#include "core/civil_date.h"
#include "core/instant.h"
#include "core/result.h"
#include "core/time_zone.h"

namespace guichet::booking {

// Returns the day `days` days before `reference`, counted the way `counting` says. Calendar counting steps back
// `days` days. Working counting steps back one day at a time and counts only the French working days it lands on
// (core::is_french_working_day), so that 2 working days before Monday 4 May 2026 is Wednesday 29 April (Friday
// 1 May is a public holiday and the weekend does not count). With `days` = 0 it returns `reference` itself, whether
// or not that is a working day. REQUIRES: days >= 0.
[[nodiscard]] core::CivilDate day_before(core::CivilDate reference, int days, catalog::DayCounting counting) noexcept;

// Returns the instant at which `deadline` falls for `reference`: its time on day_before(reference, deadline.days,
// deadline.counting), on the clocks of `zone`. A deadline must never come earlier than the town announced, so a
// time that the clocks skip when they spring forward is moved forward by the length of the gap (02:30 on the last
// Sunday of March in Europe/Paris gives 03:30 summer time, as core::TimeZone::to_instant does), and a time that the
// clocks show twice when they fall back gives the later of its two instants (02:30 on the last Sunday of October
// gives 02:30 winter time). Fails with ErrorCode::unavailable only when the time zone database cannot answer.
[[nodiscard]] core::Result<core::Instant> deadline_instant(const catalog::Deadline& deadline, core::CivilDate reference,
                                                           const core::TimeZone& zone);

}  // namespace guichet::booking
