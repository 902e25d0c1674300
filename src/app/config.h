#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace guichet::app {

// Everything `guichet serve` (and `demo`, `migrate`, `tenant`) needs to start. Values come, from weakest to
// strongest: built-in defaults, the TOML configuration file, GUICHET_* environment variables, command-line options.
struct Config {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database = "./var/guichet.db";
    std::size_t threads = 4;
    std::size_t pool_size = 0;  // 0: threads + 2
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_connections = 20000;            // connections held at once; more wait in the listen queue
    std::size_t max_connections_per_address = 200;  // from one client address; more are closed at once (0: no cap)
    std::size_t header_timeout_seconds = 5;         // a client must send a request's whole header within this time
    std::size_t read_timeout_seconds = 15;          // a client must send a whole request within this time
    std::size_t keep_alive_timeout_seconds = 30;    // a connection may stay idle between two requests this long
    bool https = false;                             // served behind a TLS-terminating proxy: Secure cookies and HSTS
    bool migrate_on_start = true;
    std::string log_level = "info";
    // The portal's address as families reach it; empty: http://<address>:<port> of this process.
    std::string public_url;
    // Reverse proxies in front of the portal, whose X-Forwarded-For names the client (web::client_address).
    std::vector<std::string> trusted_proxies;

    // Who may read /metrics: these client addresses, or whoever sends this bearer token (32 characters or more).
    std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};
    std::string metrics_bearer_token;

    // Mail: without an SMTP URL, mails are held and shown to administrators ("Courriels envoyés").
    std::string smtp_url;
    std::string smtp_username;
    std::string smtp_password;
    std::string smtp_tls = "opportunistic";  // none, opportunistic (STARTTLS when offered) or required
    std::string mail_from = "Guichet <no-reply@guichet.invalid>";
    std::size_t mail_retry_base_seconds = 60;
    std::size_t mail_max_attempts = 8;

    // Security.
    std::size_t argon2_memory_kib = 19 * 1024;
    std::size_t argon2_passes = 2;
    std::size_t session_idle_minutes = 30;
    std::size_t session_absolute_hours = 12;
    // Sign-ups per network address per hour, and mails per day to an address not yet confirmed (see
    // identity::SignupLimits).
    std::size_t signups_per_address_per_hour = 10;
    std::size_t mails_per_unverified_address_per_day = 3;

    // Family record: how long a clé enfance stays valid (0: until used or re-issued).
    std::size_t key_validity_days = 0;

    // Background jobs: the folder of their files (letters, exports), which hold personal data and are deleted a day
    // after they are made. Empty: "jobs" beside the SQLite database, or ./var/jobs with PostgreSQL.
    std::string jobs_directory;
};

// Fields given explicitly on the command line or in the environment; they override the file.
struct ConfigOverrides {
    std::optional<std::string> address;
    std::optional<std::uint16_t> port;
    std::optional<std::string> database;
    std::optional<std::size_t> threads;
    std::optional<std::string> log_level;
    std::optional<bool> https;
    bool no_migrate = false;
};

// Reads a TOML configuration file:
//   [server]   address = "0.0.0.0"  port = 8080  threads = 4  max_body_bytes = 1048576  https = true
//              max_connections = 20000  max_connections_per_address = 200  header_timeout_seconds = 5
//              read_timeout_seconds = 15  keep_alive_timeout_seconds = 30
//              trusted_proxies = ["127.0.0.1"]
//   [metrics]  allow = ["127.0.0.1", "::1", "10.0.0.0/8"]  bearer_token = "…"
//   [database] url = "postgresql://…"  pool_size = 8
//   [log]      level = "info"
//   [mail]     smtp_url = "smtp://mail.example:587"  username  password  tls = "required"
//              from = "Guichet <no-reply@portail.example>"  retry_base_seconds = 60  max_attempts = 8
//   [security] argon2_memory_kib = 19456  argon2_passes = 2  session_idle_minutes = 30  session_absolute_hours = 12
//              signups_per_address_per_hour = 10  mails_per_unverified_address_per_day = 3
//   [family]   key_validity_days = 0
//   [jobs]     directory = "/var/lib/guichet/jobs"
// Unknown keys are refused (a typo must not be silently ignored). Returns invalid_input naming the problem.
[[nodiscard]] core::Status load_config_file(const std::string& path, Config& config);

// Parses a TOML document given as text, as load_config_file does for a file.
[[nodiscard]] core::Status load_config_text(std::string_view text, Config& config);

// Applies explicit overrides on top of a configuration.
void apply_overrides(const ConfigOverrides& overrides, Config& config);

}  // namespace guichet::app
