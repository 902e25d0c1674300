// Waiting-list offers on the in-memory world, with the real 2025-2026 calendar of zone C and a fixed clock: a freed
// place held for the first child waiting, its expiry at the smaller of the commune's delay and the day's cut-off,
// declines and expiries handing it on, nobody left releasing it, an offer accepted twice booking once, two free
// places making two offers, and the children of other households.
#include "booking/waiting_offers.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "booking/in_memory_booking.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"

namespace guichet::booking {
namespace {

using testing::BookingWorld;
using testing::InMemoryBooking;

const core::CommuneId kCommune{1};
const core::ActivityId kMatin{1};
const core::SiteId kSite{1};

core::CivilDate day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

core::Instant paris(const char* local) {
    const auto zone = core::TimeZone::locate("Europe/Paris").value();
    return zone.to_instant(core::LocalDateTime::parse_iso(local).value()).value();
}

class WaitingOffersTest : public ::testing::Test {
  protected:
    struct Family {
        core::AccountId parent{0};
        core::HouseholdId household{0};
        core::ChildId child{0};
        std::string email;
    };

    void SetUp() override {
        m_work.change([&](BookingWorld& world) {
            const catalog::Catalog catalog = catalog::testing::zone_c_catalog();
            for (const auto& site : catalog.sites)
                world.catalog.sites[site.id.value()] = site;
            for (const auto& activity : catalog.activities)
                world.catalog.activities[activity.id.value()] = activity;
            for (const auto& year : catalog.school_years)
                world.catalog.school_years[year.id.value()] = year;
            for (const auto& session : catalog.sessions)
                world.catalog.sessions[session.id.value()] = session;
            world.catalog.next_id = 100;
            m_booker = add_family(world, "Dupont", "Rémi");
            m_first = add_family(world, "Martin", "Léa");
            m_second = add_family(world, "Bernard", "Hugo");
        });
        for (const Family* family : {&m_booker, &m_first, &m_second}) {
            enrol(*family);
        }
        set_capacity(1);
    }

    static Family add_family(BookingWorld& world, const std::string& name, const std::string& child_name) {
        Family made;
        identity::Account account;
        account.id = core::AccountId{world.identity.next_id++};
        account.commune = kCommune;
        account.role = identity::Role::parent;
        account.status = identity::AccountStatus::active;
        account.username = name;
        account.email = name + "@example.fr";
        world.identity.accounts[account.id.value()] = account;
        made.parent = account.id;
        made.email = account.email;
        family::Household household{core::HouseholdId{world.family.next_id++}, kCommune, "F-" + name, {}, {}};
        world.family.households[household.id.value()] = household;
        made.household = household.id;
        family::Representative person;
        person.id = core::RepresentativeId{world.family.next_id++};
        person.household = household.id;
        person.commune = kCommune;
        person.last_name = name;
        person.first_name = "Parent";
        person.account = account.id;
        person.email = account.email;
        world.family.representatives[person.id.value()] = person;
        family::Child child{core::ChildId{world.family.next_id++}, kCommune, name, child_name, day("2017-05-01")};
        child.class_level = family::ClassLevel::ce2;
        world.family.children.insert_or_assign(child.id.value(), child);
        world.family.household_children.insert({household.id.value(), child.id.value()});
        made.child = child.id;
        return made;
    }

    static Actor parent(const Family& family) {
        return {family.parent, BookingChannel::portal, std::nullopt, "192.0.2.1"};
    }

    static Scope scope() { return {kCommune, core::TimeZone::locate("Europe/Paris").value()}; }

    void enrol(const Family& family) {
        std::vector<core::Error> errors;
        auto made = m_booking.enrol(scope(), parent(family),
                                    {family.child, kMatin, {core::SchoolYearId{1}, std::nullopt}, kSite}, errors);
        ASSERT_TRUE(made.has_value()) << core::describe(made.error());
        ASSERT_TRUE(errors.empty());
    }

    void set_capacity(int places) {
        m_work.change([&](BookingWorld& world) {
            world.catalog.activities[1].sites = {{kSite, places}, {core::SiteId{2}, 40}};
            ++world.catalog.changes;
        });
    }

    void book(const Family& family, core::CivilDate on) {
        const DaySelection days{kMatin, {on}};
        auto plan = m_booking.plan(scope(), parent(family), family.child, days);
        ASSERT_TRUE(plan.has_value()) << core::describe(plan.error());
        auto done = m_booking.confirm(scope(), parent(family), family.child, days, plan->fingerprint);
        ASSERT_TRUE(done.has_value()) << core::describe(done.error());
        ASSERT_EQ(done->outcome, Confirmation::Outcome::booked);
    }

    void cancel(const Family& family, core::CivilDate on) {
        const DaySelection days{kMatin, {on}};
        auto plan = m_booking.plan_cancellation(scope(), parent(family), family.child, days);
        ASSERT_TRUE(plan.has_value());
        auto done = m_booking.cancel(scope(), parent(family), family.child, days, plan->fingerprint);
        ASSERT_TRUE(done.has_value()) << core::describe(done.error());
        ASSERT_EQ(done->cancelled, 1);
    }

    void wait_for(const Family& family, core::CivilDate on) {
        auto joined = m_booking.join_waiting_list(scope(), parent(family), family.child, kMatin, on);
        ASSERT_TRUE(joined.has_value()) << core::describe(joined.error());
    }

    // The day booked by one family, two others waiting in order (first, then second).
    void full_day_with_two_waiting(core::CivilDate on) {
        book(m_booker, on);
        wait_for(m_first, on);
        wait_for(m_second, on);
    }

    int taken(core::CivilDate on) {
        const auto& places = m_work.state().booking.places;
        const auto found = places.find({kCommune.value(), kMatin.value(), kSite.value(), on});
        return found == places.end() ? 0 : found->second;
    }

    std::vector<WaitingOffer> offers_with(OfferStatus status) {
        std::vector<WaitingOffer> found;
        for (const WaitingOffer& offer : m_work.state().booking.offers) {
            if (offer.status == status) {
                found.push_back(offer);
            }
        }
        return found;
    }

    // The token of the last offer mail sent to the family.
    std::string token_mailed_to(const Family& family) {
        std::string token;
        for (const notify::MailRequest& mail : m_work.state().identity.mails) {
            if (mail.template_name == "waiting_offer" && mail.to == family.email) {
                token = mail.variables.at("token");
            }
        }
        return token;
    }

    std::vector<std::string> kinds_of(const Family& family) {
        std::vector<std::string> kinds;
        for (const BookingEvent& event : m_work.state().booking.events) {
            if (event.child == family.child) {
                kinds.push_back(event.kind);
            }
        }
        return kinds;
    }

    core::FixedClock m_clock{paris("2025-10-01T20:00:00")};
    InMemoryBooking m_work;
    BookingService m_booking{m_work, m_clock};
    OfferService m_offers{m_work, m_clock};
    Family m_booker, m_first, m_second;
};

TEST_F(WaitingOffersTest, ACancellationHoldsThePlaceForTheFirstChildWaitingAndHisLinkBooksItOnTimeOnce) {
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    cancel(m_booker, thursday);

    // The place stays taken, held by one offer to the first child who joined.
    EXPECT_EQ(taken(thursday), 1);
    const auto open = offers_with(OfferStatus::offered);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].child, m_first.child);
    EXPECT_EQ(open[0].expires_at, paris("2025-10-02T20:00:00"));  // 24 h: the day's cut-off is later
    const std::string token = token_mailed_to(m_first);
    ASSERT_FALSE(token.empty());
    EXPECT_NE(open[0].token_digest, token);  // only its digest is kept
    EXPECT_TRUE(token_mailed_to(m_second).empty());
    // The offer's history names who freed the place.
    const auto& events = m_work.state().booking.events;
    const auto made =
        std::find_if(events.begin(), events.end(), [](const BookingEvent& e) { return e.kind == "offer_made"; });
    ASSERT_NE(made, events.end());
    EXPECT_EQ(made->child, m_first.child);
    EXPECT_EQ(made->actor, m_booker.parent);

    // Late by the rules (after D-14 the surcharge applies), but an accepted offer is on time.
    m_clock.set(paris("2025-10-02T08:00:00"));
    auto view = m_offers.by_token(scope(), token);
    ASSERT_TRUE(view.has_value() && view->has_value());
    EXPECT_TRUE((*view)->open);
    EXPECT_EQ((*view)->child_name, "Léa");
    auto accepted = m_offers.answer_by_token(scope(), token, OfferAnswer::accept, "198.51.100.7");
    ASSERT_TRUE(accepted.has_value()) << core::describe(accepted.error());
    EXPECT_EQ(accepted->status, OfferStatus::accepted);
    EXPECT_EQ(accepted->channel, OfferChannel::mail);
    EXPECT_FALSE(accepted->decided_by.has_value());

    auto twice = m_offers.answer_by_token(scope(), token, OfferAnswer::accept, "198.51.100.7");
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().key, "err_offer_closed");

    const auto& world = m_work.state();
    const auto booked = std::count_if(
        world.booking.bookings.begin(), world.booking.bookings.end(),
        [&](const DayBooking& b) { return b.child == m_first.child && b.status == BookingStatus::booked; });
    EXPECT_EQ(booked, 1);
    const auto booking = std::find_if(world.booking.bookings.begin(), world.booking.bookings.end(),
                                      [&](const DayBooking& b) { return b.child == m_first.child; });
    EXPECT_EQ(booking->timing, BookingTiming::on_time);
    EXPECT_EQ(booking->surcharge, core::Money::from_cents(0));
    EXPECT_EQ(booking->booked_by, m_first.parent);  // the account that put him on the list
    EXPECT_EQ(taken(thursday), 1);                  // the held place became his booking: no second place
    EXPECT_TRUE(std::none_of(world.booking.waiting.begin(), world.booking.waiting.end(), [&](const WaitingEntry& e) {
        return e.child == m_first.child && e.waiting;
    }));  // off the list
    const auto kinds = kinds_of(m_first);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "offer_accepted"), 1);
}

TEST_F(WaitingOffersTest, ADeclineOffersThePlaceToTheNextChildAndWhenNobodyIsLeftThePlaceIsReleased) {
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    cancel(m_booker, thursday);
    const WaitingOffer first = offers_with(OfferStatus::offered).at(0);
    ASSERT_EQ(first.child, m_first.child);

    auto declined = m_offers.answer(scope(), parent(m_first), m_first.child, first.id, OfferAnswer::decline);
    ASSERT_TRUE(declined.has_value()) << core::describe(declined.error());
    EXPECT_EQ(declined->decided_by, m_first.parent);
    const auto next = offers_with(OfferStatus::offered);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].child, m_second.child);
    EXPECT_FALSE(token_mailed_to(m_second).empty());
    EXPECT_EQ(taken(thursday), 1);

    auto last = m_offers.answer_by_token(scope(), token_mailed_to(m_second), OfferAnswer::decline, "");
    ASSERT_TRUE(last.has_value()) << core::describe(last.error());
    EXPECT_TRUE(offers_with(OfferStatus::offered).empty());
    EXPECT_EQ(taken(thursday), 0);  // nobody left waiting: the place is everyone's again
    EXPECT_EQ(offers_with(OfferStatus::declined).size(), 2u);
    const auto kinds = kinds_of(m_second);
    EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "offer_declined"), 1);
}

TEST_F(WaitingOffersTest, AnOfferExpiresAtTheSmallerOfTheDelayAndTheCutOffThenTheNextChildIsOffered) {
    m_clock.set(paris("2025-10-02T09:00:00"));
    struct Case {
        const char* day;
        core::Instant expiry;
    };
    const Case cases[] = {
        {"2025-10-16", paris("2025-10-03T09:00:00")},  // 24 h
        {"2025-10-03", paris("2025-10-02T23:59:59")},  // the day's cut-off (D-1 at the end of the day) comes first
    };
    for (const Case& c : cases) {
        full_day_with_two_waiting(day(c.day));
        cancel(m_booker, day(c.day));
    }
    auto open = offers_with(OfferStatus::offered);
    ASSERT_EQ(open.size(), 2u);
    for (const Case& c : cases) {
        const auto found =
            std::find_if(open.begin(), open.end(), [&](const WaitingOffer& o) { return o.day == day(c.day); });
        ASSERT_NE(found, open.end());
        EXPECT_EQ(found->expires_at, c.expiry) << c.day;
        EXPECT_EQ(found->child, m_first.child);
    }

    // Before any expiry: nothing to do.
    auto early = m_offers.tick(scope(), paris("2025-10-02T23:00:00"));
    ASSERT_TRUE(early.has_value()) << core::describe(early.error());
    EXPECT_EQ(*early, 0u);
    // After the cut-off of 3 October: that offer expires, and no other is made for a day that can no longer be
    // booked: its place is released. The offer of 16 October still runs.
    auto at_cutoff = m_offers.tick(scope(), paris("2025-10-03T00:00:30"));
    ASSERT_TRUE(at_cutoff.has_value()) << core::describe(at_cutoff.error());
    EXPECT_EQ(*at_cutoff, 1u);
    EXPECT_EQ(taken(day("2025-10-03")), 0);
    // After 24 h: the offer of 16 October expires and goes to the next child, whose offer runs 24 h from then.
    auto after = m_offers.tick(scope(), paris("2025-10-03T09:01:00"));
    ASSERT_TRUE(after.has_value()) << core::describe(after.error());
    EXPECT_EQ(*after, 1u);
    open = offers_with(OfferStatus::offered);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].child, m_second.child);
    EXPECT_EQ(open[0].expires_at, paris("2025-10-04T09:01:00"));
    EXPECT_EQ(taken(day("2025-10-16")), 1);
    EXPECT_EQ(offers_with(OfferStatus::expired).size(), 2u);
    // A second tick at the same instant (another process) does nothing more.
    auto again = m_offers.tick(scope(), paris("2025-10-03T09:01:00"));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 0u);
    // The expired offer's link no longer books.
    auto late = m_offers.answer_by_token(scope(), token_mailed_to(m_first), OfferAnswer::accept, "");
    ASSERT_FALSE(late.has_value());
    EXPECT_EQ(late.error().key, "err_offer_closed");
}

TEST_F(WaitingOffersTest, TheOfferDelayIsTheCommunesSetting) {
    m_work.change([](BookingWorld& world) {
        ASSERT_TRUE(world.catalog.settings[kCommune.value()].set("offer_hours", 6).has_value());
        ++world.catalog.changes;
    });
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    cancel(m_booker, thursday);
    const auto open = offers_with(OfferStatus::offered);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].expires_at, paris("2025-10-02T02:00:00"));  // 6 h after 1 October at 20:00
}

TEST_F(WaitingOffersTest, TwoPlacesFreedMakeTwoOffersToTwoChildren) {
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    set_capacity(3);  // an agent raises the places: the timer offers both
    auto done = m_offers.tick(scope(), m_clock.now());
    ASSERT_TRUE(done.has_value()) << core::describe(done.error());
    EXPECT_EQ(*done, 2u);
    const auto open = offers_with(OfferStatus::offered);
    ASSERT_EQ(open.size(), 2u);
    EXPECT_NE(open[0].child, open[1].child);
    EXPECT_EQ(taken(thursday), 3);
    // Nobody else waits: another tick makes no offer and takes no place.
    auto again = m_offers.tick(scope(), m_clock.now());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 0u);
    EXPECT_EQ(taken(thursday), 3);
}

TEST_F(WaitingOffersTest, AnAgentOffersAPlaceOverTheCapacityToTheFirstChildWaiting) {
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    const Actor agent{core::AccountId{m_booker.parent.value()}, BookingChannel::guichet, std::nullopt, "10.0.0.1"};
    auto offered = m_offers.offer_by_hand(scope(), agent, {kMatin, kSite, thursday});
    ASSERT_TRUE(offered.has_value()) << core::describe(offered.error());
    EXPECT_EQ(offered->child, m_first.child);
    EXPECT_EQ(taken(thursday), 2);  // over the capacity of 1, as the page says
    auto lists = m_offers.waiting_lists(scope());
    ASSERT_TRUE(lists.has_value());
    ASSERT_EQ(lists->size(), 1u);
    EXPECT_EQ(lists->front().waiting.size(), 2u);
    EXPECT_EQ(lists->front().waiting[0].child_name, "Léa MARTIN");
    EXPECT_EQ(lists->front().offers.size(), 1u);
    EXPECT_EQ(lists->front().capacity, 1);
    EXPECT_EQ(lists->front().taken, 2);
}

TEST_F(WaitingOffersTest, AnotherHouseholdsChildOrOfferIsNotFoundAndNothingChanges) {
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    cancel(m_booker, thursday);
    const WaitingOffer offer = offers_with(OfferStatus::offered).at(0);
    // The booker answering the first family's offer, under his own child or under theirs.
    auto under_mine = m_offers.answer(scope(), parent(m_booker), m_booker.child, offer.id, OfferAnswer::accept);
    ASSERT_FALSE(under_mine.has_value());
    EXPECT_EQ(under_mine.error().code, core::ErrorCode::not_found);
    auto under_theirs = m_offers.answer(scope(), parent(m_booker), m_first.child, offer.id, OfferAnswer::accept);
    ASSERT_FALSE(under_theirs.has_value());
    EXPECT_EQ(under_theirs.error().code, core::ErrorCode::not_found);
    auto seen = m_offers.open_offers(scope(), parent(m_booker), m_first.child);
    ASSERT_FALSE(seen.has_value());
    // A forged token, and a token of another commune.
    auto forged = m_offers.answer_by_token(scope(), std::string(43, 'A'), OfferAnswer::accept, "");
    ASSERT_FALSE(forged.has_value());
    EXPECT_EQ(forged.error().key, "err_offer_unknown");
    const Scope elsewhere{core::CommuneId{2}, scope().zone};
    auto other_commune = m_offers.answer_by_token(elsewhere, token_mailed_to(m_first), OfferAnswer::accept, "");
    ASSERT_FALSE(other_commune.has_value());
    EXPECT_EQ(offers_with(OfferStatus::offered).size(), 1u);
    // His own open offers, on his home page.
    auto mine = m_offers.open_offers_of_parent(scope(), m_first.parent);
    ASSERT_TRUE(mine.has_value());
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ(mine->front().offer.id, offer.id);
}

TEST_F(WaitingOffersTest, LeavingTheListWithAnOpenOfferHandsThePlaceOn) {
    const core::CivilDate thursday = day("2025-10-16");
    full_day_with_two_waiting(thursday);
    cancel(m_booker, thursday);
    auto left = m_booking.leave_waiting_list(scope(), parent(m_first), m_first.child, kMatin, thursday);
    ASSERT_TRUE(left.has_value() && *left);
    EXPECT_EQ(offers_with(OfferStatus::withdrawn).size(), 1u);
    const auto open = offers_with(OfferStatus::offered);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].child, m_second.child);
    EXPECT_EQ(taken(thursday), 1);
}

}  // namespace
}  // namespace guichet::booking
