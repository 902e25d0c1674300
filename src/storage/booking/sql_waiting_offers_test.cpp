// The waiting-list offers of the SQL store on the backend the run selects: an offer round-trips with the account
// that put the child on the list, its status moves once (an offer accepted twice books once), one open offer per
// entry, every lookup scoped by commune.
#include "storage/booking/booking_store_test_fixture.h"
#include "storage/booking/sql_booking_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "booking/booking_service.h"
#include "catalog/catalog_service.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using booking::BookingStatus;
using booking::DayBooking;
using booking::Enrolment;
using booking::EnrolmentStatus;

using SqlWaitingOfferTest = booking_testing::BookingStoreFixture;
using booking_testing::day;

TEST_F(SqlWaitingOfferTest, AnOfferMovesFromOfferedOnceAndIsFoundOnlyInItsCommune) {
    ASSERT_TRUE(
        work([&](booking::Transaction& tx) -> core::Status {
            booking::WaitingEntry entry;
            entry.commune = m_commune;
            entry.household = m_household;
            entry.child = m_child;
            entry.activity = m_activity;
            entry.site = m_site;
            entry.day = day("2025-10-16");
            entry.joined_by = m_parent;
            entry.joined_at = m_clock.now();
            GUICHET_TRY(entry_id, tx.booking().join_waiting_list(entry));
            GUICHET_TRY(waiting, tx.booking().waiting_on_day(m_commune, {m_activity, m_site, entry.day}));
            EXPECT_EQ(waiting.size(), 1U);
            GUICHET_TRY(from, tx.booking().waiting_from(m_commune, day("2025-10-01")));
            EXPECT_EQ(from.size(), 1U);
            GUICHET_TRY(none, tx.booking().waiting_from(m_other, day("2025-10-01")));
            EXPECT_TRUE(none.empty());

            booking::WaitingOffer offer;
            offer.commune = m_commune;
            offer.entry = entry_id;
            offer.child = m_child;
            offer.household = m_household;
            offer.activity = m_activity;
            offer.site = m_site;
            offer.day = entry.day;
            offer.offered_at = m_clock.now();
            offer.expires_at = m_clock.now() + std::chrono::hours(24);
            offer.token_digest = "digest-1";
            GUICHET_TRY(id, tx.booking().insert_offer(offer));
            auto twice = tx.booking().insert_offer(offer);
            EXPECT_FALSE(twice.has_value());
            if (!twice) {
                EXPECT_EQ(twice.error().key, "err_offer_exists");
            }
            GUICHET_TRY(found, tx.booking().find_offer_by_token(m_commune, "digest-1"));
            EXPECT_TRUE(found.has_value());
            if (found) {
                EXPECT_EQ(found->id, id);
                EXPECT_EQ(found->joined_by, m_parent);
                EXPECT_EQ(found->day, entry.day);
                EXPECT_EQ(found->expires_at, offer.expires_at);
                EXPECT_EQ(found->status, booking::OfferStatus::offered);
                EXPECT_FALSE(found->decided_by.has_value());
            }
            GUICHET_TRY(foreign, tx.booking().find_offer_by_token(m_other, "digest-1"));
            EXPECT_FALSE(foreign.has_value());
            GUICHET_TRY(foreign_id, tx.booking().find_offer(m_other, id));
            EXPECT_FALSE(foreign_id.has_value());
            GUICHET_TRY(due_early, tx.booking().offers_due(m_commune, m_clock.now()));
            EXPECT_TRUE(due_early.empty());
            GUICHET_TRY(due, tx.booking().offers_due(m_commune, m_clock.now() + std::chrono::hours(25)));
            EXPECT_EQ(due.size(), 1U);
            GUICHET_TRY(open, tx.booking().open_offers_of_child(m_commune, m_child));
            EXPECT_EQ(open.size(), 1U);

            // Accepted through the link (no account), then again: the second changes nothing.
            GUICHET_TRY(first, tx.booking().close_offer(m_commune, id, booking::OfferStatus::accepted, m_clock.now(),
                                                        std::nullopt, booking::OfferChannel::mail));
            EXPECT_TRUE(first);
            GUICHET_TRY(second, tx.booking().close_offer(m_commune, id, booking::OfferStatus::declined, m_clock.now(),
                                                         m_parent, booking::OfferChannel::portal));
            EXPECT_FALSE(second);
            GUICHET_TRY(other_commune,
                        tx.booking().close_offer(m_other, id, booking::OfferStatus::expired, m_clock.now(),
                                                 std::nullopt, booking::OfferChannel::timer));
            EXPECT_FALSE(other_commune);
            GUICHET_TRY(after, tx.booking().find_offer(m_commune, id));
            EXPECT_TRUE(after.has_value());
            if (after) {
                EXPECT_EQ(after->status, booking::OfferStatus::accepted);
                EXPECT_EQ(after->channel, booking::OfferChannel::mail);
                EXPECT_FALSE(after->decided_by.has_value());
                EXPECT_TRUE(after->decided_at.has_value());
            }
            GUICHET_TRY(closed, tx.booking().open_offers_of_child(m_commune, m_child));
            EXPECT_TRUE(closed.empty());
            // Once closed, the entry may be offered a place again.
            offer.token_digest = "digest-2";
            GUICHET_TRY(again, tx.booking().insert_offer(offer));
            EXPECT_NE(again, id);
            GUICHET_TRY(all, tx.booking().offers_from(m_commune, day("2025-10-01")));
            EXPECT_EQ(all.size(), 2U);
            return tx.booking().lock_day_places(m_commune, {m_activity, m_site, entry.day});
        }).has_value());
}

}  // namespace
}  // namespace guichet::storage
