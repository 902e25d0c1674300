#include "booking/in_memory_booking.h"

#include <algorithm>

namespace guichet::booking::testing {
namespace {

auto key_of(core::CommuneId commune, const DayPlaces& places) {
    return std::tuple{commune.value(), places.activity.value(), places.site.value(), places.day};
}

}  // namespace

core::Result<core::EnrolmentId> InMemoryBookingStore::insert_enrolment(const Enrolment& enrolment) {
    for (const Enrolment& other : m_state.enrolments) {
        if (other.active() && other.child == enrolment.child && other.activity == enrolment.activity &&
            other.period == enrolment.period) {
            return core::fail(core::ErrorCode::conflict, "err_enrolment_exists");
        }
    }
    Enrolment stored = enrolment;
    stored.id = core::EnrolmentId{m_state.next_id++};
    m_state.enrolments.push_back(stored);
    return stored.id;
}

core::Result<bool> InMemoryBookingStore::update_enrolment(const Enrolment& enrolment, EnrolmentStatus expected) {
    for (Enrolment& stored : m_state.enrolments) {
        if (stored.id == enrolment.id && stored.commune == enrolment.commune) {
            if (stored.status != expected) {
                return false;
            }
            stored.status = enrolment.status;
            stored.refusal_reason = enrolment.refusal_reason;
            stored.decided_by = enrolment.decided_by;
            stored.decided_at = enrolment.decided_at;
            return true;
        }
    }
    return false;
}

core::Result<std::optional<Enrolment>> InMemoryBookingStore::find_enrolment(core::CommuneId commune,
                                                                            core::EnrolmentId id) {
    for (const Enrolment& stored : m_state.enrolments) {
        if (stored.id == id && stored.commune == commune) {
            return stored;
        }
    }
    return std::optional<Enrolment>{};
}

core::Result<std::vector<Enrolment>> InMemoryBookingStore::enrolments_of_child(core::CommuneId commune,
                                                                               core::ChildId child) {
    std::vector<Enrolment> found;
    for (auto it = m_state.enrolments.rbegin(); it != m_state.enrolments.rend(); ++it) {
        if (it->commune == commune && it->child == child) {
            found.push_back(*it);
        }
    }
    return found;
}

core::Result<std::vector<Enrolment>> InMemoryBookingStore::pending_enrolments(core::CommuneId commune) {
    std::vector<Enrolment> found;
    for (const Enrolment& stored : m_state.enrolments) {
        if (stored.commune == commune && stored.status == EnrolmentStatus::pending) {
            found.push_back(stored);
        }
    }
    return found;
}

core::Result<bool> InMemoryBookingStore::take_place(core::CommuneId commune, const DayPlaces& places, int capacity) {
    int& taken = m_state.places[key_of(commune, places)];
    if (taken >= capacity) {
        return false;
    }
    ++taken;
    return true;
}

core::Status InMemoryBookingStore::release_place(core::CommuneId commune, const DayPlaces& places) {
    if (auto it = m_state.places.find(key_of(commune, places)); it != m_state.places.end() && it->second > 0) {
        --it->second;
    }
    return {};
}

core::Result<std::map<core::CivilDate, int>> InMemoryBookingStore::places_taken(core::CommuneId commune,
                                                                                core::ActivityId activity,
                                                                                core::SiteId site,
                                                                                core::CivilDate first,
                                                                                core::CivilDate last) {
    std::map<core::CivilDate, int> found;
    for (const auto& [key, taken] : m_state.places) {
        const auto& [c, a, s, day] = key;
        if (c == commune.value() && a == activity.value() && s == site.value() && day >= first && day <= last &&
            taken > 0) {
            found.emplace(day, taken);
        }
    }
    return found;
}

core::Result<core::BookingId> InMemoryBookingStore::insert_booking(const DayBooking& booking) {
    for (const DayBooking& other : m_state.bookings) {
        if (other.status == BookingStatus::booked && other.child == booking.child &&
            other.activity == booking.activity && other.day == booking.day) {
            return core::fail(core::ErrorCode::conflict, "err_day_already_booked");
        }
    }
    DayBooking stored = booking;
    stored.id = core::BookingId{m_state.next_id++};
    m_state.bookings.push_back(stored);
    return stored.id;
}

core::Result<bool> InMemoryBookingStore::cancel_booking(const DayBooking& cancelled) {
    for (DayBooking& stored : m_state.bookings) {
        if (stored.id == cancelled.id && stored.commune == cancelled.commune) {
            if (stored.status != BookingStatus::booked) {
                return false;
            }
            stored.status = BookingStatus::cancelled;
            stored.cancelled_by = cancelled.cancelled_by;
            stored.cancelled_at = cancelled.cancelled_at;
            stored.cancellation = cancelled.cancellation;
            return true;
        }
    }
    return false;
}

core::Result<std::optional<DayBooking>> InMemoryBookingStore::find_booking(core::CommuneId commune,
                                                                           core::BookingId id) {
    for (const DayBooking& stored : m_state.bookings) {
        if (stored.id == id && stored.commune == commune) {
            return stored;
        }
    }
    return std::optional<DayBooking>{};
}

core::Result<std::vector<DayBooking>> InMemoryBookingStore::bookings_of_child(core::CommuneId commune,
                                                                              core::ChildId child,
                                                                              core::CivilDate first,
                                                                              core::CivilDate last) {
    std::vector<DayBooking> found;
    for (const DayBooking& stored : m_state.bookings) {
        if (stored.commune == commune && stored.child == child && stored.day >= first && stored.day <= last) {
            found.push_back(stored);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const DayBooking& a, const DayBooking& b) {
        return std::tie(a.day, a.activity) < std::tie(b.day, b.activity);
    });
    return found;
}

core::Result<core::WaitingEntryId> InMemoryBookingStore::join_waiting_list(const WaitingEntry& entry) {
    for (const WaitingEntry& other : m_state.waiting) {
        if (other.waiting && other.child == entry.child && other.activity == entry.activity && other.day == entry.day) {
            return core::fail(core::ErrorCode::conflict, "err_waiting_already");
        }
    }
    WaitingEntry stored = entry;
    stored.id = core::WaitingEntryId{m_state.next_id++};
    m_state.waiting.push_back(stored);
    return stored.id;
}

core::Result<bool> InMemoryBookingStore::leave_waiting_list(core::CommuneId commune, core::ChildId child,
                                                            core::ActivityId activity, core::CivilDate day,
                                                            core::Instant at) {
    for (WaitingEntry& entry : m_state.waiting) {
        if (entry.waiting && entry.commune == commune && entry.child == child && entry.activity == activity &&
            entry.day == day) {
            entry.waiting = false;
            return true;
        }
    }
    return false;
}

core::Result<std::map<std::pair<long long, core::CivilDate>, int>> InMemoryBookingStore::waiting_positions(
    core::CommuneId commune, core::ChildId child, core::CivilDate first, core::CivilDate last) {
    std::map<std::pair<long long, core::CivilDate>, int> positions;
    for (const WaitingEntry& entry : m_state.waiting) {
        if (!entry.waiting || entry.commune != commune || entry.child != child || entry.day < first ||
            entry.day > last) {
            continue;
        }
        int position = 1;
        for (const WaitingEntry& other : m_state.waiting) {
            if (other.waiting && other.activity == entry.activity && other.site == entry.site &&
                other.day == entry.day && other.id < entry.id) {
                ++position;
            }
        }
        positions[{entry.activity.value(), entry.day}] = position;
    }
    return positions;
}

core::Status InMemoryBookingStore::record(const BookingEvent& event) {
    m_state.events.push_back(event);
    return {};
}

core::Result<std::vector<BookingEvent>> InMemoryBookingStore::history(core::CommuneId commune, core::ChildId child) {
    std::vector<BookingEvent> found;
    for (const BookingEvent& event : m_state.events) {
        if (event.commune == commune && event.child == child) {
            found.push_back(event);
        }
    }
    return found;
}

core::Status InMemoryBookingStore::lock_day_places(core::CommuneId, const DayPlaces&) {
    return {};  // one transaction at a time in memory
}

core::Result<std::vector<WaitingEntry>> InMemoryBookingStore::waiting_on_day(core::CommuneId commune,
                                                                             const DayPlaces& places) {
    std::vector<WaitingEntry> found;
    for (const WaitingEntry& entry : m_state.waiting) {
        if (entry.waiting && entry.commune == commune && entry.activity == places.activity &&
            entry.site == places.site && entry.day == places.day) {
            found.push_back(entry);
        }
    }
    return found;  // ids grow as families join
}

core::Result<std::vector<WaitingEntry>> InMemoryBookingStore::waiting_from(core::CommuneId commune,
                                                                           core::CivilDate from) {
    std::vector<WaitingEntry> found;
    for (const WaitingEntry& entry : m_state.waiting) {
        if (entry.waiting && entry.commune == commune && entry.day >= from) {
            found.push_back(entry);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const WaitingEntry& a, const WaitingEntry& b) {
        return std::tuple(a.activity.value(), a.site.value(), a.day, a.id.value()) <
               std::tuple(b.activity.value(), b.site.value(), b.day, b.id.value());
    });
    return found;
}

core::Result<core::WaitingOfferId> InMemoryBookingStore::insert_offer(const WaitingOffer& offer) {
    for (const WaitingOffer& other : m_state.offers) {
        if (other.entry == offer.entry && other.status == OfferStatus::offered) {
            return core::fail(core::ErrorCode::conflict, "err_offer_exists");
        }
    }
    WaitingOffer stored = offer;
    stored.id = core::WaitingOfferId{m_state.next_id++};
    for (const WaitingEntry& entry : m_state.waiting) {
        if (entry.id == offer.entry) {
            stored.joined_by = entry.joined_by;
        }
    }
    m_state.offers.push_back(stored);
    return stored.id;
}

core::Result<std::optional<WaitingOffer>> InMemoryBookingStore::find_offer(core::CommuneId commune,
                                                                           core::WaitingOfferId id) {
    for (const WaitingOffer& offer : m_state.offers) {
        if (offer.commune == commune && offer.id == id) {
            return offer;
        }
    }
    return std::optional<WaitingOffer>();
}

core::Result<std::optional<WaitingOffer>> InMemoryBookingStore::find_offer_by_token(core::CommuneId commune,
                                                                                    const std::string& token_digest) {
    for (const WaitingOffer& offer : m_state.offers) {
        if (offer.commune == commune && offer.token_digest == token_digest) {
            return offer;
        }
    }
    return std::optional<WaitingOffer>();
}

core::Result<bool> InMemoryBookingStore::close_offer(core::CommuneId commune, core::WaitingOfferId id,
                                                     OfferStatus status, core::Instant at,
                                                     std::optional<core::AccountId> by, OfferChannel channel) {
    for (WaitingOffer& offer : m_state.offers) {
        if (offer.commune == commune && offer.id == id && offer.status == OfferStatus::offered) {
            offer.status = status;
            offer.decided_at = at;
            offer.decided_by = by;
            offer.channel = channel;
            return true;
        }
    }
    return false;
}

core::Result<std::vector<WaitingOffer>> InMemoryBookingStore::offers_from(core::CommuneId commune,
                                                                          core::CivilDate from) {
    std::vector<WaitingOffer> found;
    for (const WaitingOffer& offer : m_state.offers) {
        if (offer.commune == commune && offer.day >= from) {
            found.push_back(offer);
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const WaitingOffer& a, const WaitingOffer& b) { return a.day < b.day; });
    return found;
}

core::Result<std::vector<WaitingOffer>> InMemoryBookingStore::open_offers_of_child(core::CommuneId commune,
                                                                                   core::ChildId child) {
    std::vector<WaitingOffer> found;
    for (const WaitingOffer& offer : m_state.offers) {
        if (offer.commune == commune && offer.child == child && offer.status == OfferStatus::offered) {
            found.push_back(offer);
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const WaitingOffer& a, const WaitingOffer& b) { return a.day < b.day; });
    return found;
}

core::Result<std::vector<WaitingOffer>> InMemoryBookingStore::offers_due(core::CommuneId commune, core::Instant at) {
    std::vector<WaitingOffer> found;
    for (const WaitingOffer& offer : m_state.offers) {
        if (offer.commune == commune && offer.status == OfferStatus::offered && offer.expires_at <= at) {
            found.push_back(offer);
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const WaitingOffer& a, const WaitingOffer& b) { return a.expires_at < b.expires_at; });
    return found;
}

}  // namespace guichet::booking::testing
