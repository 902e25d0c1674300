#pragma once

#include <optional>
#include <string_view>

#include "core/civil_date.h"
#include "core/ids.h"
#include "core/instant.h"
#include "core/money.h"

namespace guichet::booking {

// The life of one booked day:  booked ──cancel (free | billed)──▶ cancelled. A cancelled day stays, as the record
// of what was booked and of whether its cancellation is billed; booking the day again makes a new row.
enum class BookingStatus { booked, cancelled };
// Whether the booking was made by the on-time deadline, or late (with its surcharge).
enum class BookingTiming { on_time, late };
// Whether a cancellation is free, or billed (made after the free-cancellation deadline).
enum class CancellationBilling { free, billed };
// Who made the booking: the family online, or an agent at the guichet on the family's behalf.
enum class BookingChannel { portal, guichet };

[[nodiscard]] std::string_view booking_status_name(BookingStatus status);
[[nodiscard]] std::optional<BookingStatus> booking_status_from_name(std::string_view name);
[[nodiscard]] std::string_view booking_timing_name(BookingTiming timing);
[[nodiscard]] std::optional<BookingTiming> booking_timing_from_name(std::string_view name);
[[nodiscard]] std::string_view cancellation_billing_name(CancellationBilling billing);
[[nodiscard]] std::optional<CancellationBilling> cancellation_billing_from_name(std::string_view name);
[[nodiscard]] std::string_view booking_channel_name(BookingChannel channel);
[[nodiscard]] std::optional<BookingChannel> booking_channel_from_name(std::string_view name);

// One day of one activity booked for one child. The prices are those of the moment of booking (billing reads them):
// the unit price of the activity and the surcharge of a late booking (zero on time).
struct DayBooking {
    core::BookingId id{0};
    core::CommuneId commune{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
    core::ActivityId activity{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});  // always set by who makes one
    BookingStatus status = BookingStatus::booked;
    BookingTiming timing = BookingTiming::on_time;
    core::Money unit_price = core::Money::from_cents(0);
    core::Money surcharge = core::Money::from_cents(0);
    BookingChannel channel = BookingChannel::portal;
    core::AccountId booked_by{0};
    core::Instant booked_at{};
    std::optional<core::AccountId> cancelled_by;
    std::optional<core::Instant> cancelled_at;
    std::optional<CancellationBilling> cancellation;

    // What the day costs the family: its price and surcharge while booked or cancelled late; nothing once
    // cancelled for free.
    [[nodiscard]] core::Money billed_amount() const {
        if (status == BookingStatus::cancelled && cancellation != CancellationBilling::billed) {
            return core::Money::from_cents(0);
        }
        return unit_price + surcharge;
    }
};

}  // namespace guichet::booking
