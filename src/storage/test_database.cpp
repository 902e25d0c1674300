#include "storage/test_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace guichet::storage::testing {
namespace {

std::string random_suffix() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
    static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string suffix;
    for (int i = 0; i < 12; ++i) {
        suffix.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
    }
    return suffix;
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

// Replaces the database name at the end of a postgresql:// URI (before any "?options").
std::string with_database(const std::string& uri, const std::string& database) {
    const auto query = uri.find('?');
    const std::string base = uri.substr(0, query);
    const std::string options = query == std::string::npos ? std::string() : uri.substr(query);
    const auto slash = base.find('/', base.find("://") + 3);
    return (slash == std::string::npos ? base : base.substr(0, slash)) + "/" + database + options;
}

}  // namespace

bool TestDatabase::postgres_selected() {
    return env("GUICHET_TEST_BACKEND") == "postgresql";
}

TestDatabase::TestDatabase() {
    if (postgres_selected()) {
        m_postgres_admin_url = env("GUICHET_TEST_POSTGRES_URL");
        if (m_postgres_admin_url.empty()) {
            throw std::runtime_error("GUICHET_TEST_BACKEND=postgresql needs GUICHET_TEST_POSTGRES_URL");
        }
        m_postgres_database = "guichet_test_" + random_suffix();
        soci::session admin(soci::postgresql, parse_database_url(m_postgres_admin_url)->connect_string);
        admin << "CREATE DATABASE " + m_postgres_database;
        m_url = *parse_database_url(with_database(m_postgres_admin_url, m_postgres_database));
    } else {
        const auto folder = std::filesystem::temp_directory_path() / ("guichet-test-" + random_suffix());
        std::filesystem::create_directories(folder);
        m_sqlite_folder = folder.string();
        m_url = *parse_database_url((folder / "guichet.db").string());
    }
    auto opened = Database::open(m_url, 4);
    if (!opened) {
        throw std::runtime_error(core::describe(opened.error()));
    }
    m_database = std::move(*opened);
}

TestDatabase::~TestDatabase() {
    m_database.reset();
    try {
        if (!m_postgres_database.empty()) {
            soci::session admin(soci::postgresql, parse_database_url(m_postgres_admin_url)->connect_string);
            admin << "DROP DATABASE IF EXISTS " + m_postgres_database + " WITH (FORCE)";
        }
        if (!m_sqlite_folder.empty()) {
            std::filesystem::remove_all(m_sqlite_folder);
        }
    } catch (...) {
        // A leftover test database is harmless; the cluster or folder is thrown away with the run.
    }
}

}  // namespace guichet::storage::testing
