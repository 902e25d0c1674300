#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"

namespace guichet::booking {

// An event an agent declared that cancels booked days (a strike).
using SchoolEventId = core::Id<struct SchoolEventTag>;

// What keeps children from an activity at a school on some days, declared by an agent (événement scolaire): a
// strike (grève), an absent teacher, a school outing (sortie scolaire), a closure (fermeture).
enum class SchoolEventKind { strike, teacher_absent, school_outing, closure };

// active ──undo──▶ undone. Undoing restores the days the event cancelled.
enum class SchoolEventStatus { active, undone };

[[nodiscard]] std::string_view school_event_kind_name(SchoolEventKind kind);
[[nodiscard]] std::optional<SchoolEventKind> school_event_kind_from_name(std::string_view name);
[[nodiscard]] std::string_view school_event_status_name(SchoolEventStatus status);
[[nodiscard]] std::optional<SchoolEventStatus> school_event_status_from_name(std::string_view name);

// An event at one site from `first_day` to `last_day` (included) that cancels the booked days of the chosen
// activities there, free of charge, and refuses new bookings of them while it is active.
struct SchoolEvent {
    SchoolEventId id{0};
    core::CommuneId commune{0};
    core::SiteId site{0};
    core::CivilDate first_day = core::CivilDate::from_sys_days(date::sys_days{});
    core::CivilDate last_day = core::CivilDate::from_sys_days(date::sys_days{});
    SchoolEventKind kind = SchoolEventKind::strike;
    std::vector<core::ActivityId> activities;
    SchoolEventStatus status = SchoolEventStatus::active;
    core::AccountId declared_by{0};
    core::Instant declared_at{};
    std::optional<core::AccountId> undone_by;
    std::optional<core::Instant> undone_at;

    // True when the event, active, cancels `activity` at `site` on `day`.
    [[nodiscard]] bool covers(core::ActivityId activity, core::SiteId wanted_site, core::CivilDate day) const;

    friend bool operator==(const SchoolEvent&, const SchoolEvent&) = default;
};

// The active event of `events` that cancels `activity` at `site` on `day`, or nullptr.
[[nodiscard]] const SchoolEvent* event_on(const std::vector<SchoolEvent>& events, core::ActivityId activity,
                                          core::SiteId site, core::CivilDate day);

}  // namespace guichet::booking
