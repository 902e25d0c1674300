#include "storage/booking/sql_agenda_store.h"

#include <gtest/gtest.h>

#include "core/fixed_clock.h"
#include "storage/migrator.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/test_database.h"
#include "storage/unit_of_work.h"

namespace guichet::storage {
namespace {

using booking::ReminderStep;
using booking::SentReminder;

class SqlAgendaStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(Migrator(m_test.database(), m_clock).apply_pending().has_value());
        SqlCommuneRepository communes(m_test.database(), m_clock);
        tenancy::NewCommune commune;
        commune.slug = "chanteloup-les-vignes";
        commune.name = "Chanteloup-les-Vignes";
        m_commune = communes.insert(commune)->id;
        commune.slug = "andresy";
        commune.name = "Andrésy";
        m_other = communes.insert(commune)->id;
        ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                        identity::Account account;
                        account.commune = m_commune;
                        account.role = identity::Role::parent;
                        account.username = "marie";
                        account.email = "marie@example.fr";
                        GUICHET_TRY(id, tx.identity().insert_account(account));
                        m_parent = id;
                        family::Child child{core::ChildId{0},
                                            m_commune,
                                            "Dupont",
                                            "Rémi",
                                            *core::CivilDate::parse_iso("2017-05-01"),
                                            family::Sex::male,
                                            "",
                                            family::ClassLevel::ce2,
                                            family::DietaryOption::standard,
                                            false};
                        GUICHET_TRY(child_id, tx.family().insert_child(child));
                        m_child = child_id;
                        return {};
                    }).has_value());
    }

    core::Status work(const std::function<core::Status(booking::Transaction&)>& step) {
        return m_store.booking().write(step);
    }

    // Marks the reminder sent in a transaction of its own; the answer of mark_sent.
    bool mark(core::CommuneId commune, const std::string& key, ReminderStep step) {
        bool first = false;
        EXPECT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                        GUICHET_TRY(done, tx.agenda().mark_sent({commune, m_child, key, step, m_clock.now()}));
                        first = done;
                        return {};
                    }).has_value());
        return first;
    }

    testing::TestDatabase m_test;
    core::FixedClock m_clock{*core::instant_from_iso_utc("2026-11-10T17:00:00Z")};
    SqlUnitOfWork m_store{m_test.database(), m_clock, MailDelivery::hold};
    core::CommuneId m_commune{0}, m_other{0};
    core::AccountId m_parent{0};
    core::ChildId m_child{0};
};

TEST_F(SqlAgendaStoreTest, AReminderIsRecordedOncePerCommuneChildDeadlineAndStep) {
    EXPECT_TRUE(mark(m_commune, "session-12", ReminderStep::first));
    EXPECT_FALSE(mark(m_commune, "session-12", ReminderStep::first));  // a second tick, or a second process
    EXPECT_TRUE(mark(m_commune, "session-12", ReminderStep::second));
    EXPECT_TRUE(mark(m_commune, "session-13", ReminderStep::first));
    EXPECT_TRUE(mark(m_other, "session-12", ReminderStep::first));
    EXPECT_EQ(m_test.database()
                  .read([](soci::session& session) -> core::Status {
                      long long count = 0;
                      session << "SELECT COUNT(*) FROM reminder_sent", soci::into(count);
                      EXPECT_EQ(count, 4);
                      return {};
                  })
                  .has_value(),
              true);
}

TEST_F(SqlAgendaStoreTest, AReminderRolledBackWithItsMailCanBeSentAgain) {
    const auto failed = work([&](booking::Transaction& tx) -> core::Status {
        GUICHET_TRY_STATUS(
            tx.agenda().mark_sent({m_commune, m_child, "month-3-2026-12", ReminderStep::first, m_clock.now()}));
        return core::fail(core::ErrorCode::unavailable, "error_internal");  // the mail could not be queued
    });
    EXPECT_FALSE(failed.has_value());
    EXPECT_TRUE(mark(m_commune, "month-3-2026-12", ReminderStep::first));
}

TEST_F(SqlAgendaStoreTest, AnAccountReceivesRemindersUntilItTurnsThemOff) {
    bool wanted = false;
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY(before, tx.agenda().reminders_wanted(m_commune, m_parent));
                    EXPECT_TRUE(before);
                    GUICHET_TRY_STATUS(tx.agenda().set_reminders_wanted(m_commune, m_parent, false, m_clock.now()));
                    GUICHET_TRY(after, tx.agenda().reminders_wanted(m_commune, m_parent));
                    EXPECT_FALSE(after);
                    GUICHET_TRY(elsewhere, tx.agenda().reminders_wanted(m_other, m_parent));
                    EXPECT_TRUE(elsewhere);
                    GUICHET_TRY_STATUS(tx.agenda().set_reminders_wanted(m_commune, m_parent, true, m_clock.now()));
                    GUICHET_TRY(again, tx.agenda().reminders_wanted(m_commune, m_parent));
                    wanted = again;
                    return {};
                }).has_value());
    EXPECT_TRUE(wanted);
}

TEST_F(SqlAgendaStoreTest, AFeedIsFoundByItsDigestInItsCommuneUntilRevoked) {
    ASSERT_TRUE(work([&](booking::Transaction& tx) -> core::Status {
                    GUICHET_TRY_STATUS(tx.agenda().insert_feed({m_commune, m_parent, "digest-1", m_clock.now()}));
                    GUICHET_TRY(found, tx.agenda().feed_by_digest(m_commune, "digest-1"));
                    EXPECT_TRUE(found.has_value() && found->account == m_parent);
                    GUICHET_TRY(foreign, tx.agenda().feed_by_digest(m_other, "digest-1"));
                    EXPECT_FALSE(foreign.has_value());
                    GUICHET_TRY(mine, tx.agenda().feed_of(m_commune, m_parent));
                    EXPECT_TRUE(mine.has_value() && mine->token_digest == "digest-1");
                    GUICHET_TRY(revoked, tx.agenda().revoke_feed(m_commune, m_parent, m_clock.now()));
                    EXPECT_TRUE(revoked);
                    GUICHET_TRY(gone, tx.agenda().feed_by_digest(m_commune, "digest-1"));
                    EXPECT_FALSE(gone.has_value());
                    GUICHET_TRY(twice, tx.agenda().revoke_feed(m_commune, m_parent, m_clock.now()));
                    EXPECT_FALSE(twice);
                    GUICHET_TRY_STATUS(tx.agenda().insert_feed({m_commune, m_parent, "digest-2", m_clock.now()}));
                    GUICHET_TRY(reissued, tx.agenda().feed_by_digest(m_commune, "digest-2"));
                    EXPECT_TRUE(reissued.has_value());
                    return {};
                }).has_value());
}

}  // namespace
}  // namespace guichet::storage
