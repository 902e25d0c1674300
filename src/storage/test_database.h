#pragma once

#include <memory>
#include <string>

#include "storage/database.h"

namespace guichet::storage::testing {

// A fresh, empty database for one test, on the backend the run asks for:
//   GUICHET_TEST_BACKEND=postgresql with GUICHET_TEST_POSTGRES_URL=postgresql://user@host:port/postgres creates a
//   database with a random name on that server and drops it afterwards;
//   otherwise a SQLite file in a temporary folder, removed afterwards.
class TestDatabase {
  public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    [[nodiscard]] Database& database() { return *m_database; }
    [[nodiscard]] const DatabaseUrl& url() const { return m_url; }

    // Returns true when this run targets PostgreSQL.
    [[nodiscard]] static bool postgres_selected();

  private:
    DatabaseUrl m_url;
    std::string m_postgres_admin_url;
    std::string m_postgres_database;
    std::string m_sqlite_folder;
    std::unique_ptr<Database> m_database;
};

}  // namespace guichet::storage::testing
