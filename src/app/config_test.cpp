#include "app/config.h"
#include "app/error_text.h"
#include "app/services.h"

#include <gtest/gtest.h>

namespace guichet::app {
namespace {

TEST(Config, FileValuesReplaceDefaultsAndOverridesReplaceTheFile) {
    Config config;
    const auto loaded = load_config_text(R"toml(
[server]
address = "0.0.0.0"
port = 9000
threads = 8
https = true
max_connections = 50
max_connections_per_address = 0
header_timeout_seconds = 2
read_timeout_seconds = 3
keep_alive_timeout_seconds = 4
[database]
url = "postgresql://guichet@db/guichet"
pool_size = 12
[log]
level = "debug"
[mail]
smtp_url = "smtp://127.0.0.1:2525"
from = "Guichet <no-reply@portail.example>"
tls = "none"
retry_base_seconds = 2
[security]
argon2_memory_kib = 8192
session_idle_minutes = 10
)toml",
                                         config);
    ASSERT_TRUE(loaded.has_value()) << core::describe(loaded.error());
    EXPECT_EQ(config.address, "0.0.0.0");
    EXPECT_EQ(config.port, 9000);
    EXPECT_EQ(config.threads, 8u);
    EXPECT_TRUE(config.https);
    EXPECT_EQ(config.max_connections, 50u);
    EXPECT_EQ(config.max_connections_per_address, 0u);
    EXPECT_EQ(config.header_timeout_seconds, 2u);
    EXPECT_EQ(config.read_timeout_seconds, 3u);
    EXPECT_EQ(config.keep_alive_timeout_seconds, 4u);
    EXPECT_EQ(config.database, "postgresql://guichet@db/guichet");
    EXPECT_EQ(config.pool_size, 12u);
    EXPECT_EQ(config.log_level, "debug");
    EXPECT_EQ(config.smtp_url, "smtp://127.0.0.1:2525");
    EXPECT_EQ(config.smtp_tls, "none");
    EXPECT_EQ(config.mail_retry_base_seconds, 2u);
    EXPECT_EQ(config.argon2_memory_kib, 8192u);
    EXPECT_EQ(config.session_idle_minutes, 10u);

    ConfigOverrides overrides;
    overrides.port = 8081;
    overrides.no_migrate = true;
    apply_overrides(overrides, config);
    EXPECT_EQ(config.port, 8081);
    EXPECT_EQ(config.address, "0.0.0.0");
    EXPECT_FALSE(config.migrate_on_start);
}

TEST(Config, RefusesMistakesWithAMessageNamingThem) {
    struct Case {
        const char* toml;
        const char* mentions;
    };
    const Case cases[] = {
        {"[server]\nprot = 80\n", "server.prot"},
        {"[server]\nport = 70000\n", "port"},
        {"[server]\nread_timeout_seconds = 0\n", "read_timeout_seconds"},
        {"[server]\nheader_timeout_seconds = 0\n", "header_timeout_seconds"},
        {"[server]\nkeep_alive_timeout_seconds = 0\n", "keep_alive_timeout_seconds"},
        {"[server]\nport = \"80\"\n", "port"},
        {"[database]\nurl = 5\n", "url"},
        {"[serveur]\n", "serveur"},
        {"[server\n", "TOML"},
        {"[server]\nhttps = \"yes\"\n", "https"},
        {"[server]\nport = 9000\n[database]\nurl = 5\n", "url"},
        {"[mail]\ntls = \"maybe\"\n", "mail.tls"},
        {"[security]\nargon2_passes = 0\n", "argon2_passes"},
    };
    for (const auto& c : cases) {
        Config config;
        const auto loaded = load_config_text(c.toml, config);
        ASSERT_FALSE(loaded.has_value()) << c.toml;
        EXPECT_NE(error_text(loaded.error()).find(c.mentions), std::string::npos) << error_text(loaded.error());
        EXPECT_EQ(config.port, 8080) << "nothing applied from a refused file";
    }
}

TEST(Config, JobFilesGoToTheConfiguredFolderOrBesideTheSqliteDatabase) {
    struct Case {
        const char* toml;
        const char* folder;
    };
    const Case cases[] = {
        {"", "./var/jobs"},  // beside the default ./var/guichet.db
        {"[database]\nurl = \"/srv/guichet/portail.db\"\n", "/srv/guichet/jobs"},
        {"[database]\nurl = \"sqlite:portail.db\"\n", "./jobs"},
        {"[database]\nurl = \"postgresql://guichet@db/guichet\"\n", "./var/jobs"},
        {"[database]\nurl = \"postgresql://guichet@db/guichet\"\n[jobs]\ndirectory = \"/var/lib/guichet/travaux\"\n",
         "/var/lib/guichet/travaux"},
    };
    for (const auto& c : cases) {
        Config config;
        ASSERT_TRUE(load_config_text(c.toml, config).has_value()) << c.toml;
        EXPECT_EQ(jobs_directory(config), c.folder) << c.toml;
    }
    Config config;
    const auto refused = load_config_text("[jobs]\nfolder = \"/tmp\"\n", config);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().param("key"), "jobs.folder");
}

}  // namespace
}  // namespace guichet::app
