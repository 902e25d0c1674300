#include "booking/waiting_offer.h"

#include "core/enum_names.h"

namespace guichet::booking {
namespace {

constexpr core::EnumNames<OfferStatus, 5> kStatuses = {{{OfferStatus::offered, "offered"},
                                                        {OfferStatus::accepted, "accepted"},
                                                        {OfferStatus::declined, "declined"},
                                                        {OfferStatus::expired, "expired"},
                                                        {OfferStatus::withdrawn, "withdrawn"}}};
constexpr core::EnumNames<OfferChannel, 4> kChannels = {{{OfferChannel::portal, "portal"},
                                                         {OfferChannel::guichet, "guichet"},
                                                         {OfferChannel::mail, "mail"},
                                                         {OfferChannel::timer, "timer"}}};

}  // namespace

std::string_view offer_status_name(OfferStatus status) {
    return core::name_of(kStatuses, status);
}
std::optional<OfferStatus> offer_status_from_name(std::string_view name) {
    return core::value_of(kStatuses, name);
}
std::string_view offer_channel_name(OfferChannel channel) {
    return core::name_of(kChannels, channel);
}
std::optional<OfferChannel> offer_channel_from_name(std::string_view name) {
    return core::value_of(kChannels, name);
}

}  // namespace guichet::booking
