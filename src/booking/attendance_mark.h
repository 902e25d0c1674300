#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"

namespace guichet::booking {

// What a tap on the roll (pointage) says of a child: there, or not there.
enum class Presence { present, absent };

[[nodiscard]] std::string_view presence_name(Presence presence);
[[nodiscard]] std::optional<Presence> presence_from_name(std::string_view name);

// Whether the child was booked that day, or came without a booking (présence non réservée, billed with a surcharge
// by billing later).
enum class MarkBasis { booked, unbooked };

[[nodiscard]] std::string_view mark_basis_name(MarkBasis basis);
[[nodiscard]] std::optional<MarkBasis> mark_basis_from_name(std::string_view name);

// One tap of the site staff on a child of the roll of a day. `mark_id` is made by the page that sent it (a random
// id per tap), so that a tap sent twice (a retry, a replay after the network came back) is stored once.
struct AttendanceMark {
    core::CommuneId commune{0};
    core::ChildId child{0};
    core::HouseholdId household{0};
    core::ActivityId activity{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    Presence presence = Presence::present;
    MarkBasis basis = MarkBasis::booked;
    std::string mark_id;
    core::AccountId marked_by{0};
    core::Instant marked_at{};

    friend bool operator==(const AttendanceMark&, const AttendanceMark&) = default;
};

// Whether `text` may be a mark id: 8 to 64 letters, digits and dashes (a UUID is one).
[[nodiscard]] bool is_mark_id(std::string_view text);

}  // namespace guichet::booking
