#include "booking/judgement.h"

#include "core/enum_names.h"

namespace guichet::booking {

namespace {

constexpr core::EnumNames<BookingDecision, 3> kBookingNames{{
    {BookingDecision::on_time, "on_time"},
    {BookingDecision::late, "late"},
    {BookingDecision::closed, "closed"},
}};

constexpr core::EnumNames<CancellationDecision, 3> kCancellationNames{{
    {CancellationDecision::free, "free"},
    {CancellationDecision::billed, "billed"},
    {CancellationDecision::closed, "closed"},
}};

}  // namespace

std::string_view booking_decision_name(BookingDecision decision) noexcept {
    return core::name_of(kBookingNames, decision);
}

std::string_view cancellation_decision_name(CancellationDecision decision) noexcept {
    return core::name_of(kCancellationNames, decision);
}

}  // namespace guichet::booking
