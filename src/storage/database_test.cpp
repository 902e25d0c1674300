#include "storage/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "storage/test_database.h"

namespace guichet::storage {
namespace {

TEST(Database, AnswersPing) {
    testing::TestDatabase test;
    EXPECT_TRUE(test.database().ping().has_value());
}

TEST(Database, CommitsWhenTheWorkSucceedsAndRollsBackWhenItFails) {
    testing::TestDatabase test;
    auto& db = test.database();
    ASSERT_TRUE(db.transact([](soci::session& s) -> core::Status {
                      s << "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)";
                      return {};
                  }).has_value());
    ASSERT_TRUE(db.transact([](soci::session& s) -> core::Status {
                      s << "INSERT INTO note (id, body) VALUES (1, 'kept')";
                      return {};
                  }).has_value());
    const auto failed = db.transact([](soci::session& s) -> core::Status {
        s << "INSERT INTO note (id, body) VALUES (2, 'dropped')";
        return core::fail(core::ErrorCode::invalid_input, "changed my mind");
    });
    ASSERT_FALSE(failed.has_value());
    const auto thrown = db.transact([](soci::session& s) -> core::Status {
        s << "INSERT INTO note (id, body) VALUES (3, 'also dropped')";
        s << "INSERT INTO note (id, body) VALUES (4, 'kept')";  // violates UNIQUE(body)
        return {};
    });
    ASSERT_FALSE(thrown.has_value());
    EXPECT_EQ(thrown.error().code, core::ErrorCode::conflict);

    const auto count = db.read([](soci::session& s) -> core::Result<int> {
        int n = 0;
        s << "SELECT COUNT(*) FROM note", soci::into(n);
        return n;
    });
    ASSERT_TRUE(count.has_value());
    EXPECT_EQ(*count, 1);
}

// Writes that arrive while another runs commit together on SQLite (one transaction, one fsync), each in its own
// savepoint: one that fails or throws is undone alone, the others are kept, and each gets its own answer.
TEST(Database, WritesThatArriveTogetherCommitTogetherAndAFailedOneIsUndoneAlone) {
    testing::TestDatabase test;
    auto& db = test.database();
    ASSERT_TRUE(db.transact([](soci::session& s) -> core::Status {
                      s << "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)";
                      s << "INSERT INTO note (id, body) VALUES (1, 'first')";
                      return {};
                  }).has_value());
    const auto before = db.write_counts();
    constexpr int kWriters = 12;
    std::atomic<int> started{0};
    std::atomic<bool> slow_running{false};
    std::vector<core::Status> answers(kWriters + 1);
    // The first write holds its transaction until the others have all asked to write: they queue behind it.
    std::thread slow([&] {
        answers[0] = db.transact([&](soci::session& s) -> core::Status {
            s << "INSERT INTO note (id, body) VALUES (2, 'slow')";
            slow_running.store(true);
            while (started.load() < kWriters) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return {};
        });
    });
    while (!slow_running.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::vector<std::thread> writers;
    for (int i = 1; i <= kWriters; ++i) {
        writers.emplace_back([&, i] {
            started.fetch_add(1);
            answers[i] = db.transact([i](soci::session& s) -> core::Status {
                const int id = 10 + i;
                const std::string body = i == 6 ? "first" : "note " + std::to_string(i);  // 6 breaks UNIQUE
                s << "INSERT INTO note (id, body) VALUES (:id, :body)", soci::use(id), soci::use(body);
                if (i == 3) {
                    return core::fail(core::ErrorCode::invalid_input, "changed my mind");
                }
                return {};
            });
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    slow.join();
    for (int i = 0; i <= kWriters; ++i) {
        EXPECT_EQ(answers[i].has_value(), i != 3 && i != 6) << i;
    }
    EXPECT_EQ(answers[3].error().code, core::ErrorCode::invalid_input);
    EXPECT_EQ(answers[6].error().code, core::ErrorCode::conflict);
    const auto rows = db.read([](soci::session& s) -> core::Result<std::vector<int>> {
        std::vector<int> ids(32);
        s << "SELECT id FROM note ORDER BY id", soci::into(ids);
        return ids;
    });
    ASSERT_TRUE(rows.has_value());
    std::vector<int> expected = {1, 2};
    for (int i = 1; i <= kWriters; ++i) {
        if (i != 3 && i != 6) {
            expected.push_back(10 + i);
        }
    }
    EXPECT_EQ(*rows, expected);
    const auto after = db.write_counts();
    EXPECT_EQ(after.writes - before.writes, static_cast<std::uint64_t>(kWriters + 1));
    if (!testing::TestDatabase::postgres_selected()) {
        // The slow write's transaction, then the twelve queued behind it in one or a few.
        EXPECT_LE(after.transactions - before.transactions, 4u);
    }
}

// The logs get the statement and the driver's error, never the values bound to it nor the row it refused: those
// are a family's personal data.
TEST(Database, ErrorDetailsNameTheStatementButHoldNoValue) {
    testing::TestDatabase test;
    auto& db = test.database();
    ASSERT_TRUE(db.transact([](soci::session& s) -> core::Status {
                      s << "CREATE TABLE person (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, "
                           "age INTEGER NOT NULL CHECK (age < 200))";
                      s << "INSERT INTO person (id, email, age) VALUES (1, 'marie.secret@example.fr', 40)";
                      return {};
                  }).has_value());
    struct Case {
        const char* what;
        long long id;
        const char* email;
        int age;
        core::ErrorCode code;
    };
    for (const Case& c : {Case{"unique", 2, "marie.secret@example.fr", 41, core::ErrorCode::conflict},
                          Case{"check", 3, "paul.secret@example.fr", 999, core::ErrorCode::conflict}}) {
        const auto failed = db.transact([&](soci::session& s) -> core::Status {
            long long id = c.id;
            std::string email = c.email;
            int age = c.age;
            s << "INSERT INTO person (id, email, age) VALUES (:id, :email, :age)", soci::use(id), soci::use(email),
                soci::use(age);
            return {};
        });
        ASSERT_FALSE(failed.has_value()) << c.what;
        EXPECT_EQ(failed.error().code, c.code) << c.what;
        const std::string detail = failed.error().detail;
        EXPECT_NE(detail.find("INSERT INTO person"), std::string::npos) << c.what << ": " << detail;
        for (const std::string& value : {std::string(c.email), std::string("secret"), std::to_string(c.age)}) {
            EXPECT_EQ(detail.find(value), std::string::npos) << c.what << ": " << value << " in " << detail;
        }
    }
}

TEST(Database, ASyntaxErrorIsAnInternalErrorNotACrash) {
    testing::TestDatabase test;
    const auto result = test.database().read([](soci::session& s) -> core::Status {
        s << "SELEC nonsense";
        return {};
    });
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::internal);
}

TEST(Database, SqliteConnectionsEnforceForeignKeysInWalMode) {
    if (testing::TestDatabase::postgres_selected()) {
        GTEST_SKIP() << "SQLite pragmas only";
    }
    testing::TestDatabase test;
    const auto mode = test.database().read([](soci::session& s) -> core::Result<std::string> {
        std::string journal;
        s << "PRAGMA journal_mode", soci::into(journal);
        return journal;
    });
    ASSERT_TRUE(mode.has_value());
    EXPECT_EQ(*mode, "wal");
    const auto synchronous = test.database().read([](soci::session& s) -> core::Result<int> {
        int level = 0;
        s << "PRAGMA synchronous", soci::into(level);
        return level;
    });
    EXPECT_EQ(*synchronous, 2);  // FULL
}

TEST(Database, AnUnreachableServerIsUnavailable) {
    const auto url = parse_database_url("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    ASSERT_TRUE(url.has_value());
    const auto opened = Database::open(*url, 1);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, core::ErrorCode::unavailable);
}

}  // namespace
}  // namespace guichet::storage
