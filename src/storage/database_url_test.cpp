#include "storage/database_url.h"

#include <gtest/gtest.h>

namespace guichet::storage {
namespace {

TEST(DatabaseUrl, RecognisesBothBackendsAndHidesPasswords) {
    struct Case {
        const char* location;
        bool ok;
        Backend backend;
        const char* connect;
        const char* redacted;
    };
    const Case cases[] = {
        {"./var/guichet.db", true, Backend::sqlite, "./var/guichet.db", "./var/guichet.db"},
        {"sqlite:/tmp/a.db", true, Backend::sqlite, "/tmp/a.db", "/tmp/a.db"},
        {"sqlite:///tmp/a.db", true, Backend::sqlite, "/tmp/a.db", "/tmp/a.db"},
        {"postgresql://guichet:s3cret@127.0.0.1:5433/guichet", true, Backend::postgresql,
         "user='guichet' password='s3cret' dbname='guichet' host='127.0.0.1' port='5433'",
         "postgresql://guichet:***@127.0.0.1:5433/guichet"},
        {"postgres://guichet@db/gui%27chet?connect_timeout=3", true, Backend::postgresql,
         "user='guichet' connect_timeout='3' dbname='gui\\'chet' host='db'",
         "postgres://guichet@db/gui%27chet?connect_timeout=3"},
        {"postgresql://guichet@db/x?nonsense=1", false, Backend::sqlite, "", ""},
        {"mysql://root@db/x", false, Backend::sqlite, "", ""},
        {"", false, Backend::sqlite, "", ""},
        {"sqlite:", false, Backend::sqlite, "", ""},
    };
    for (const auto& c : cases) {
        const auto url = parse_database_url(c.location);
        ASSERT_EQ(url.has_value(), c.ok) << c.location;
        if (!url) {
            EXPECT_EQ(url.error().field, "database");
            continue;
        }
        EXPECT_EQ(url->backend, c.backend) << c.location;
        EXPECT_EQ(url->connect_string, c.connect) << c.location;
        EXPECT_EQ(url->redacted, c.redacted) << c.location;
    }
}

}  // namespace
}  // namespace guichet::storage
