#include "booking/waiting_offers.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <set>

#include "booking/deadline_rules.h"
#include "catalog/service_calendar.h"
#include "core/text.h"
#include "identity/account.h"
#include "identity/secret_token.h"

namespace guichet::booking {
namespace {

using SharedCatalog = std::shared_ptr<const catalog::Catalog>;

core::Result<SharedCatalog> catalog_of(Transaction& tx, catalog::CatalogCache& catalogs, const Scope& scope) {
    GUICHET_TRY(entry, catalogs.get(tx.catalog(), scope.commune));
    return std::move(entry.catalog);
}

tl::unexpected<core::Error> unknown_offer() {
    return core::fail(core::ErrorCode::not_found, "err_offer_unknown");
}

tl::unexpected<core::Error> closed_offer() {
    return core::fail(core::ErrorCode::conflict, "err_offer_closed");
}

// The last instant the day can be booked (its cut-off under the activity's rules), or nothing when the activity
// does not run there that day.
core::Result<std::optional<core::Instant>> cutoff_of(const catalog::Catalog& catalog, const catalog::Activity& activity,
                                                     const Scope& scope, const DayPlaces& places, core::Instant now) {
    const catalog::ServiceCalendar calendar(catalog);
    const catalog::Opening opening = calendar.opening(activity.id, places.site, places.day);
    if (!opening.open) {
        return std::optional<core::Instant>();
    }
    BookedDay booked{activity.kind == catalog::ActivityKind::holiday_session ? ActivityKind::holiday_session
                                                                             : ActivityKind::school_time,
                     places.day, places.day};
    if (opening.session) {
        if (const catalog::HolidaySession* session = catalog.session(*opening.session)) {
            booked.period_start = std::min(session->first_day, places.day);
        }
    } else if (const catalog::SchoolYear* year = calendar.school_year_of(places.day)) {
        booked.period_start = std::min(year->rentree.date, places.day);
    }
    GUICHET_TRY(judgement, DeadlineRules(activity.rules, scope.zone).judge(booked, now));
    return std::optional(judgement.cutoff);
}

// The child has an accepted enrolment in the activity, at this site, for a period holding the day.
core::Result<bool> enrolled_on(Transaction& tx, const catalog::Catalog& catalog, const Scope& scope,
                               core::ChildId child, const DayPlaces& places) {
    GUICHET_TRY(enrolments, tx.booking().enrolments_of_child(scope.commune, child));
    const catalog::ServiceCalendar calendar(catalog);
    for (const Enrolment& enrolment : enrolments) {
        if (enrolment.status != EnrolmentStatus::accepted || enrolment.activity != places.activity ||
            enrolment.site != places.site) {
            continue;
        }
        if (enrolment.period.session) {
            const catalog::HolidaySession* session = catalog.session(*enrolment.period.session);
            if (session != nullptr && session->covers(places.day)) {
                return true;
            }
        } else if (enrolment.period.school_year) {
            const catalog::SchoolYear* year = calendar.school_year_of(places.day);
            if (year != nullptr && year->id == *enrolment.period.school_year) {
                return true;
            }
        }
    }
    return false;
}

core::Result<bool> booked_on(Transaction& tx, const Scope& scope, core::ChildId child, const DayPlaces& places) {
    GUICHET_TRY(booked, tx.booking().bookings_of_child(scope.commune, child, places.day, places.day));
    return std::any_of(booked.begin(), booked.end(), [&](const DayBooking& b) {
        return b.activity == places.activity && b.status == BookingStatus::booked;
    });
}

std::string first_name_of(Transaction& tx, const Scope& scope, core::HouseholdId household, core::ChildId child) {
    auto children = tx.family().children_of(scope.commune, household);
    if (children) {
        for (const family::Child& found : *children) {
            if (found.id == child) {
                return found.first_name;
            }
        }
    }
    return {};
}

// Tells the household's representatives (those with an address) that a place is theirs to take, with the link.
core::Status mail_offer(Transaction& tx, const Scope& scope, const catalog::Activity& activity,
                        const WaitingOffer& offer, const std::string& token) {
    const std::string child = first_name_of(tx, scope, offer.household, offer.child);
    GUICHET_TRY(people, tx.family().representatives_of(scope.commune, offer.household));
    for (const family::Representative& person : people) {
        if (person.email.empty()) {
            continue;
        }
        std::map<std::string, std::string> variables = {
            {"civility", std::string(identity::civility_name(person.civility))},
            {"first_name", person.first_name},
            {"last_name", person.last_name},
            {"activity", activity.name},
            {"child", child},
            {"offer_day_iso", offer.day.to_iso()},
            {"offer_until_us", std::to_string(offer.expires_at.time_since_epoch().count())},
            {"token", token}};
        GUICHET_TRY_STATUS(
            tx.outbox().enqueue({scope.commune, person.email, "waiting_offer", "fr", std::move(variables)}));
    }
    return {};
}

BookingEvent offer_event(const Scope& scope, const WaitingOffer& offer, core::AccountId actor, BookingChannel channel,
                         std::string kind, std::string detail, std::string ip, core::Instant at) {
    return {scope.commune,   offer.household,   offer.child,   actor, channel,
            std::move(kind), std::move(detail), std::move(ip), at};
}

OfferView view_of(Transaction& tx, const Scope& scope, const catalog::Catalog& catalog, const WaitingOffer& offer,
                  core::Instant now) {
    OfferView view{offer, first_name_of(tx, scope, offer.household, offer.child), {}, false};
    if (const catalog::Activity* activity = catalog.activity(offer.activity)) {
        view.activity_name = activity->name;
    }
    view.open = offer.status == OfferStatus::offered && now <= offer.expires_at;
    return view;
}

// The child the step acts on is the parent's (or in the household the agent has open): the same rule as the
// booking steps'.
core::Result<bool> child_is_actors(Transaction& tx, const Scope& scope, const Actor& actor, core::ChildId child) {
    if (actor.channel == BookingChannel::guichet) {
        if (!actor.household) {
            return false;
        }
        GUICHET_TRY(children, tx.family().children_of(scope.commune, *actor.household));
        return std::any_of(children.begin(), children.end(), [&](const family::Child& c) { return c.id == child; });
    }
    GUICHET_TRY(found, tx.family().child_represented_by(scope.commune, actor.account, child));
    return found.has_value();
}

}  // namespace

core::Result<std::optional<WaitingOffer>> offer_to_first(Transaction& tx, const catalog::Catalog& catalog,
                                                         const Scope& scope, const DayPlaces& places,
                                                         const PlaceFreedBy& by, core::Instant now) {
    GUICHET_TRY_STATUS(tx.booking().lock_day_places(scope.commune, places));
    const catalog::Activity* activity = catalog.activity(places.activity);
    if (activity == nullptr) {
        return std::optional<WaitingOffer>();
    }
    GUICHET_TRY(cutoff, cutoff_of(catalog, *activity, scope, places, now));
    if (!cutoff || now > *cutoff) {
        return std::optional<WaitingOffer>();  // the day can no longer be booked: no offer is made
    }
    GUICHET_TRY(waiting, tx.booking().waiting_on_day(scope.commune, places));
    if (waiting.empty()) {
        return std::optional<WaitingOffer>();
    }
    GUICHET_TRY(offers, tx.booking().offers_from(scope.commune, places.day));
    std::set<long long> with_offer;
    for (const WaitingOffer& offer : offers) {
        if (offer.status == OfferStatus::offered) {
            with_offer.insert(offer.entry.value());
        }
    }
    const auto delay = std::chrono::hours(catalog.settings.get("offer_hours"));
    for (const WaitingEntry& entry : waiting) {
        if (with_offer.contains(entry.id.value())) {
            continue;  // already offered a place of this day
        }
        GUICHET_TRY(enrolled, enrolled_on(tx, catalog, scope, entry.child, places));
        if (!enrolled) {
            continue;
        }
        GUICHET_TRY(booked, booked_on(tx, scope, entry.child, places));
        if (booked) {
            continue;
        }
        const std::string token = identity::generate_secret_token();
        WaitingOffer offer;
        offer.commune = scope.commune;
        offer.entry = entry.id;
        offer.child = entry.child;
        offer.household = entry.household;
        offer.activity = places.activity;
        offer.site = places.site;
        offer.day = places.day;
        offer.offered_at = now;
        offer.expires_at = std::min<core::Instant>(now + delay, *cutoff);
        offer.status = OfferStatus::offered;
        offer.token_digest = identity::token_digest(token);
        offer.joined_by = entry.joined_by;
        GUICHET_TRY(id, tx.booking().insert_offer(offer));
        offer.id = id;
        GUICHET_TRY_STATUS(tx.booking().record(offer_event(
            scope, offer, by.account.value_or(entry.joined_by), by.channel, "offer_made",
            activity->code + " " + offer.day.to_iso() + " until " + core::to_iso_utc(offer.expires_at) + " " + by.cause,
            by.ip, now)));
        GUICHET_TRY_STATUS(mail_offer(tx, scope, *activity, offer, token));
        return std::optional(offer);
    }
    return std::optional<WaitingOffer>();
}

core::Result<std::optional<WaitingOffer>> hand_on_place(Transaction& tx, const catalog::Catalog& catalog,
                                                        const Scope& scope, const DayPlaces& places,
                                                        const PlaceFreedBy& by, core::Instant now) {
    GUICHET_TRY(offer, offer_to_first(tx, catalog, scope, places, by, now));
    if (!offer) {
        GUICHET_TRY_STATUS(tx.booking().release_place(scope.commune, places));
    }
    return offer;
}

core::Result<std::optional<OfferView>> OfferService::by_token(const Scope& scope, const std::string& token) {
    std::optional<OfferView> found;
    if (!identity::looks_like_secret_token(token)) {
        return found;
    }
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(offer, tx.booking().find_offer_by_token(scope.commune, identity::token_digest(token)));
        if (!offer) {
            return {};
        }
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        found = view_of(tx, scope, *catalog, *offer, now);
        return {};
    }));
    return found;
}

core::Result<WaitingOffer> OfferService::answer_by_token(const Scope& scope, const std::string& token,
                                                         OfferAnswer answer, const std::string& ip) {
    if (!identity::looks_like_secret_token(token)) {
        return unknown_offer();
    }
    std::optional<WaitingOffer> decided;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(offer, tx.booking().find_offer_by_token(scope.commune, identity::token_digest(token)));
        if (!offer) {
            return unknown_offer();
        }
        GUICHET_TRY(made, decide(tx, scope, *offer, answer, std::nullopt, OfferChannel::mail, ip, now));
        decided = std::move(made);
        return {};
    }));
    return std::move(*decided);
}

core::Result<std::vector<OfferView>> OfferService::open_offers(const Scope& scope, const Actor& actor,
                                                               core::ChildId child) {
    std::vector<OfferView> found;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(mine, child_is_actors(tx, scope, actor, child));
        if (!mine) {
            return core::fail(core::ErrorCode::not_found, "err_booking_child_unknown");
        }
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(offers, tx.booking().open_offers_of_child(scope.commune, child));
        for (const WaitingOffer& offer : offers) {
            OfferView view = view_of(tx, scope, *catalog, offer, now);
            if (view.open) {
                found.push_back(std::move(view));
            }
        }
        return {};
    }));
    return found;
}

core::Result<std::vector<OfferView>> OfferService::open_offers_of_parent(const Scope& scope, core::AccountId account) {
    std::vector<OfferView> found;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(households, tx.family().households_of_account(scope.commune, account));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        std::set<long long> seen;
        for (const family::HouseholdRecord& record : households) {
            for (const family::Child& child : record.children) {
                if (!seen.insert(child.id.value()).second) {
                    continue;
                }
                GUICHET_TRY(offers, tx.booking().open_offers_of_child(scope.commune, child.id));
                for (const WaitingOffer& offer : offers) {
                    OfferView view = view_of(tx, scope, *catalog, offer, now);
                    if (view.open) {
                        found.push_back(std::move(view));
                    }
                }
            }
        }
        return {};
    }));
    return found;
}

core::Result<WaitingOffer> OfferService::answer(const Scope& scope, const Actor& actor, core::ChildId child,
                                                core::WaitingOfferId id, OfferAnswer answer) {
    std::optional<WaitingOffer> decided;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(mine, child_is_actors(tx, scope, actor, child));
        if (!mine) {
            return unknown_offer();
        }
        GUICHET_TRY(offer, tx.booking().find_offer(scope.commune, id));
        if (!offer || offer->child != child ||
            (actor.household && actor.channel == BookingChannel::guichet && offer->household != *actor.household)) {
            return unknown_offer();
        }
        GUICHET_TRY(made,
                    decide(tx, scope, *offer, answer, actor.account,
                           actor.channel == BookingChannel::guichet ? OfferChannel::guichet : OfferChannel::portal,
                           actor.ip, now));
        decided = std::move(made);
        return {};
    }));
    return std::move(*decided);
}

core::Result<WaitingOffer> OfferService::decide(Transaction& tx, const Scope& scope, const WaitingOffer& offer,
                                                OfferAnswer answer, std::optional<core::AccountId> by,
                                                OfferChannel channel, const std::string& ip, core::Instant now) {
    if (offer.status != OfferStatus::offered || now > offer.expires_at) {
        return closed_offer();  // an offer past its expiry waits for the timer, which hands its place on
    }
    GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
    const catalog::Activity* activity = catalog->activity(offer.activity);
    if (activity == nullptr) {
        return closed_offer();
    }
    const core::AccountId actor = by.value_or(offer.joined_by);
    const OfferStatus status = answer == OfferAnswer::accept ? OfferStatus::accepted : OfferStatus::declined;
    GUICHET_TRY(closed, tx.booking().close_offer(scope.commune, offer.id, status, now, by, channel));
    if (!closed) {
        return closed_offer();  // answered meanwhile (the same link used twice): one booking
    }
    const BookingChannel booking_channel =
        channel == OfferChannel::guichet ? BookingChannel::guichet : BookingChannel::portal;
    GUICHET_TRY(left, tx.booking().leave_waiting_list(scope.commune, offer.child, offer.activity, offer.day, now));
    (void)left;
    const std::string how(offer_channel_name(channel));
    const DayPlaces places{offer.activity, offer.site, offer.day};
    if (answer == OfferAnswer::accept) {
        // The place held by the offer becomes the booking's: on time, without surcharge (the family did not cause
        // the lateness).
        DayBooking booking;
        booking.commune = scope.commune;
        booking.household = offer.household;
        booking.child = offer.child;
        booking.activity = offer.activity;
        booking.site = offer.site;
        booking.day = offer.day;
        booking.timing = BookingTiming::on_time;
        booking.unit_price = activity->unit_price;
        booking.surcharge = core::Money::from_cents(0);
        booking.channel = booking_channel;
        booking.booked_by = actor;
        booking.booked_at = now;
        GUICHET_TRY(booked, tx.booking().insert_booking(booking));
        (void)booked;
        GUICHET_TRY_STATUS(
            tx.booking().record(offer_event(scope, offer, actor, booking_channel, "offer_accepted",
                                            activity->code + " " + offer.day.to_iso() + " on_time " + how, ip, now)));
    } else {
        GUICHET_TRY_STATUS(
            tx.booking().record(offer_event(scope, offer, actor, booking_channel, "offer_declined",
                                            activity->code + " " + offer.day.to_iso() + " " + how, ip, now)));
        GUICHET_TRY(next, hand_on_place(tx, *catalog, scope, places, {by, booking_channel, ip, "declined"}, now));
        (void)next;
    }
    WaitingOffer decided = offer;
    decided.status = status;
    decided.decided_at = now;
    decided.decided_by = by;
    decided.channel = channel;
    return decided;
}

core::Result<std::size_t> OfferService::tick(const Scope& scope, core::Instant now) {
    std::size_t done = 0;
    std::vector<WaitingOffer> due;
    std::vector<DayPlaces> days;  // days with children waiting and a place free when read
    const core::CivilDate today = scope.zone.today(now);
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.booking().offers_due(scope.commune, now));
        due = std::move(found);
        GUICHET_TRY(entries, tx.booking().waiting_from(scope.commune, today));
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        const catalog::ServiceCalendar calendar(*catalog);
        std::optional<DayPlaces> last;
        for (const WaitingEntry& entry : entries) {
            const DayPlaces places{entry.activity, entry.site, entry.day};
            if (last && last->activity == places.activity && last->site == places.site && last->day == places.day) {
                continue;  // the entries come by day: each day is looked at once
            }
            last = places;
            GUICHET_TRY(taken,
                        tx.booking().places_taken(scope.commune, places.activity, places.site, places.day, places.day));
            const int count = taken.empty() ? 0 : taken.begin()->second;
            if (count < calendar.capacity(places.activity, places.site, places.day)) {
                days.push_back(places);
            }
        }
        return {};
    }));
    // Each expiry in its own unit of work, conditional on the offer still being offered: two processes ticking at
    // once expire it once.
    for (const WaitingOffer& offer : due) {
        GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
            GUICHET_TRY(closed, tx.booking().close_offer(scope.commune, offer.id, OfferStatus::expired, now,
                                                         std::nullopt, OfferChannel::timer));
            if (!closed) {
                return {};
            }
            ++done;
            GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
            const catalog::Activity* activity = catalog->activity(offer.activity);
            GUICHET_TRY(left,
                        tx.booking().leave_waiting_list(scope.commune, offer.child, offer.activity, offer.day, now));
            (void)left;
            GUICHET_TRY_STATUS(tx.booking().record(offer_event(
                scope, offer, offer.joined_by, BookingChannel::portal, "offer_expired",
                (activity != nullptr ? activity->code : std::string()) + " " + offer.day.to_iso() + " timer", "",
                now)));
            GUICHET_TRY(next, hand_on_place(tx, *catalog, scope, {offer.activity, offer.site, offer.day},
                                            {std::nullopt, BookingChannel::portal, "", "expired"}, now));
            (void)next;
            return {};
        }));
    }
    // The places free on days with children waiting (an agent raised the capacity, a place was never taken): one
    // unit of work per day, each taking the place (conditionally) before offering it.
    for (const DayPlaces& places : days) {
        GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
            GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
            const int capacity = catalog::ServiceCalendar(*catalog).capacity(places.activity, places.site, places.day);
            for (;;) {
                GUICHET_TRY(taken, tx.booking().take_place(scope.commune, places, capacity));
                if (!taken) {
                    return {};
                }
                GUICHET_TRY(offer, offer_to_first(tx, *catalog, scope, places,
                                                  {std::nullopt, BookingChannel::portal, "", "free_place"}, now));
                if (!offer) {
                    return tx.booking().release_place(scope.commune, places);
                }
                ++done;
            }
        }));
    }
    return done;
}

core::Result<std::vector<WaitingDay>> OfferService::waiting_lists(const Scope& scope) {
    std::vector<WaitingDay> days;
    const core::Instant now = m_clock.now();
    const core::CivilDate today = scope.zone.today(now);
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        GUICHET_TRY(entries, tx.booking().waiting_from(scope.commune, today));
        GUICHET_TRY(offers, tx.booking().offers_from(scope.commune, today));
        const auto day_of = [&](core::ActivityId activity, core::SiteId site, core::CivilDate day) -> WaitingDay& {
            for (WaitingDay& known : days) {
                if (known.activity == activity && known.site == site && known.day == day) {
                    return known;
                }
            }
            WaitingDay made;
            made.activity = activity;
            made.site = site;
            made.day = day;
            days.push_back(made);
            return days.back();
        };
        std::vector<core::ChildId> child_ids;
        for (const WaitingEntry& entry : entries) {
            child_ids.push_back(entry.child);
        }
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, child_ids));
        for (const WaitingEntry& entry : entries) {
            std::string name;
            for (const family::Child& child : children) {
                if (child.id == entry.child) {
                    name = child.first_name + " " + core::uppercase_fr(child.last_name);
                }
            }
            day_of(entry.activity, entry.site, entry.day).waiting.push_back({entry, std::move(name)});
        }
        for (const WaitingOffer& offer : offers) {
            WaitingDay& day = day_of(offer.activity, offer.site, offer.day);
            day.offers.push_back(view_of(tx, scope, *catalog, offer, now));
        }
        const catalog::ServiceCalendar calendar(*catalog);
        for (WaitingDay& day : days) {
            day.capacity = calendar.capacity(day.activity, day.site, day.day);
            GUICHET_TRY(taken, tx.booking().places_taken(scope.commune, day.activity, day.site, day.day, day.day));
            day.taken = taken.empty() ? 0 : taken.begin()->second;
        }
        std::sort(days.begin(), days.end(), [](const WaitingDay& a, const WaitingDay& b) {
            return std::tuple(a.day, a.activity.value(), a.site.value()) <
                   std::tuple(b.day, b.activity.value(), b.site.value());
        });
        return {};
    }));
    return days;
}

core::Result<WaitingOffer> OfferService::offer_by_hand(const Scope& scope, const Actor& agent,
                                                       const DayPlaces& places) {
    std::optional<WaitingOffer> made;
    const core::Instant now = m_clock.now();
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, catalog_of(tx, m_catalogs, scope));
        if (catalog->activity(places.activity) == nullptr || catalog->site(places.site) == nullptr) {
            return core::fail(core::ErrorCode::not_found, "err_offer_form");  // a forged or another commune's id
        }
        // The agent's decision: one place more than the capacity, held by the offer.
        GUICHET_TRY(taken, tx.booking().take_place(scope.commune, places, std::numeric_limits<int>::max()));
        (void)taken;
        GUICHET_TRY(offer, offer_to_first(tx, *catalog, scope, places,
                                          {agent.account, BookingChannel::guichet, agent.ip, "by_hand"}, now));
        if (!offer) {
            return core::fail(core::ErrorCode::conflict, "err_offer_nobody");  // nothing kept
        }
        made = std::move(offer);
        return {};
    }));
    return std::move(*made);
}

}  // namespace guichet::booking
