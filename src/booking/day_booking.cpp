#include "booking/day_booking.h"

#include "core/enum_names.h"

namespace guichet::booking {
namespace {

constexpr core::EnumNames<BookingStatus, 2> kStatuses = {
    {{BookingStatus::booked, "booked"}, {BookingStatus::cancelled, "cancelled"}}};
constexpr core::EnumNames<BookingTiming, 2> kTimings = {
    {{BookingTiming::on_time, "on_time"}, {BookingTiming::late, "late"}}};
constexpr core::EnumNames<CancellationBilling, 2> kBillings = {
    {{CancellationBilling::free, "free"}, {CancellationBilling::billed, "billed"}}};
constexpr core::EnumNames<BookingChannel, 2> kChannels = {
    {{BookingChannel::portal, "portal"}, {BookingChannel::guichet, "guichet"}}};

}  // namespace

std::string_view booking_status_name(BookingStatus status) {
    return core::name_of(kStatuses, status);
}
std::optional<BookingStatus> booking_status_from_name(std::string_view name) {
    return core::value_of(kStatuses, name);
}
std::string_view booking_timing_name(BookingTiming timing) {
    return core::name_of(kTimings, timing);
}
std::optional<BookingTiming> booking_timing_from_name(std::string_view name) {
    return core::value_of(kTimings, name);
}
std::string_view cancellation_billing_name(CancellationBilling billing) {
    return core::name_of(kBillings, billing);
}
std::optional<CancellationBilling> cancellation_billing_from_name(std::string_view name) {
    return core::value_of(kBillings, name);
}
std::string_view booking_channel_name(BookingChannel channel) {
    return core::name_of(kChannels, channel);
}
std::optional<BookingChannel> booking_channel_from_name(std::string_view name) {
    return core::value_of(kChannels, name);
}

}  // namespace guichet::booking
