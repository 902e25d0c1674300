#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/booking_service.h"
#include "booking/waiting_offer.h"
#include "catalog/catalog.h"

namespace guichet::booking {

// What freed a place, for the history row of the offer it makes: who, from where, why.
struct PlaceFreedBy {
    std::optional<core::AccountId> account;  // empty: the timer (the row names the account that joined the list)
    BookingChannel channel = BookingChannel::portal;
    std::string ip;
    std::string cause;  // "cancellation", "declined", "expired", "free_place", "by_hand"
};

// Offers a place of `places` to the first child waiting for it who may still take it: still on the list, without
// an offer already, still enrolled there that day, the day not booked for him, its cut-off not past. The offer, its
// history row and its mail are written in `tx`; the place itself is not counted here (the caller holds it). Returns
// the offer, or nothing when nobody may take the place.
[[nodiscard]] core::Result<std::optional<WaitingOffer>> offer_to_first(Transaction& tx, const catalog::Catalog& catalog,
                                                                       const Scope& scope, const DayPlaces& places,
                                                                       const PlaceFreedBy& by, core::Instant now);

// Hands on a held place of `places` that its holder gave up (a cancellation, an offer declined or expired): to the
// first child waiting (offer_to_first; the place stays taken, held by the offer), or back to everyone when nobody
// waits who may take it.
[[nodiscard]] core::Result<std::optional<WaitingOffer>> hand_on_place(Transaction& tx, const catalog::Catalog& catalog,
                                                                      const Scope& scope, const DayPlaces& places,
                                                                      const PlaceFreedBy& by, core::Instant now);

// An offer with what a page says of it.
struct OfferView {
    WaitingOffer offer;
    std::string child_name;  // his first name
    std::string activity_name;
    // Offered and not expired at the instant it was read: it may still be accepted or declined.
    bool open = false;
};

// One day's waiting list, as the agents see it.
struct WaitingDay {
    core::ActivityId activity{0};
    core::SiteId site{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    int capacity = 0;
    int taken = 0;  // places taken, offers held included
    struct Waiting {
        WaitingEntry entry;
        std::string child_name;  // "Rémi DUPONT"
    };
    std::vector<Waiting> waiting;   // still waiting, the first joined first
    std::vector<OfferView> offers;  // every offer made for the day, by id
};

enum class OfferAnswer { accept, decline };

// The use cases of waiting-list offers ([G6]): an offer answered through its mail's link (no sign-in: the token is
// the proof), by a parent on the portal or an agent at the guichet; the timer's expiry of offers and offers of
// places that became free (capacity raised); the agents' lists and their offer by hand. Each item is one unit of
// work; every status change is conditional (an offer accepted twice books once) and writes its history row.
class OfferService {
  public:
    OfferService(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    // The offer whose link holds `token`, or nothing for a token of no offer of this commune.
    [[nodiscard]] core::Result<std::optional<OfferView>> by_token(const Scope& scope, const std::string& token);
    // Answers the offer of the link. Fails with not_found "err_offer_unknown" for a token of no offer, conflict
    // "err_offer_closed" for an offer already answered, expired or withdrawn (nothing written).
    [[nodiscard]] core::Result<WaitingOffer> answer_by_token(const Scope& scope, const std::string& token,
                                                             OfferAnswer answer, const std::string& ip);

    // The child's open offers (parent: one of his children; agent: the household he has open).
    [[nodiscard]] core::Result<std::vector<OfferView>> open_offers(const Scope& scope, const Actor& actor,
                                                                   core::ChildId child);
    // The open offers of every child of the households the parent represents (his home page).
    [[nodiscard]] core::Result<std::vector<OfferView>> open_offers_of_parent(const Scope& scope,
                                                                             core::AccountId account);
    // Answers an offer of the child. Fails with not_found "err_offer_unknown" for an offer of another child (or
    // household, or commune), conflict "err_offer_closed" as answer_by_token.
    [[nodiscard]] core::Result<WaitingOffer> answer(const Scope& scope, const Actor& actor, core::ChildId child,
                                                    core::WaitingOfferId offer, OfferAnswer answer);

    // The timer's work at `now` in one commune: expires the offers past their expiry (each handing its place on),
    // then offers the places free on days with children waiting (capacity raised). Returns how many items it did.
    [[nodiscard]] core::Result<std::size_t> tick(const Scope& scope, core::Instant now);

    // The waiting lists of the days from today on, with their offers.
    [[nodiscard]] core::Result<std::vector<WaitingDay>> waiting_lists(const Scope& scope);
    // An agent offers a place of the day to the first child waiting, over the day's capacity (his decision: the
    // place is added to those taken). Fails with conflict "err_offer_nobody" when nobody waiting may take it.
    [[nodiscard]] core::Result<WaitingOffer> offer_by_hand(const Scope& scope, const Actor& agent,
                                                           const DayPlaces& places);

  private:
    [[nodiscard]] core::Result<WaitingOffer> decide(Transaction& tx, const Scope& scope, const WaitingOffer& offer,
                                                    OfferAnswer answer, std::optional<core::AccountId> by,
                                                    OfferChannel channel, const std::string& ip, core::Instant now);

    UnitOfWork& m_work;
    const core::Clock& m_clock;
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
