#include "app/runtime.h"

#include <nlohmann/json.hpp>

#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include "app/services.h"
#include "app/timer_runner.h"
#include "app/web_wiring.h"
#include "core/system_clock.h"
#include "core/worker_pool.h"
#include "jobs/job_runner.h"
#include "notify/outbox_dispatcher.h"
#include "notify/smtp_transport.h"
#include "storage/housekeeping.h"
#include "storage/migrator.h"
#include "storage/server_key.h"
#include "web/server/http_server.h"

namespace guichet::app {
namespace {

std::string json_line(const nlohmann::json& data) {
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Raises the soft limit on open files to the hard limit (each connection is a file); returns the soft limit in force.
rlim_t raise_open_files_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return 0;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        }
    }
    return limit.rlim_cur;
}

// The connections the server may hold within the open files limit, keeping files for the database, the logs and
// the assets: past it, accepting would fail over and over.
std::size_t connections_within(rlim_t open_files, std::size_t wanted) {
    constexpr rlim_t kReserved = 256;
    if (open_files == 0 || open_files == RLIM_INFINITY) {
        return wanted;
    }
    const rlim_t available = open_files > 2 * kReserved ? open_files - kReserved : open_files / 2;
    return std::min<std::size_t>(wanted, std::max<rlim_t>(available, 1));
}

int wait_for_termination_signal() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    int received = 0;
    sigwait(&signals, &received);
    return received;
}

}  // namespace

std::optional<std::chrono::days> key_validity(const Config& config) {
    if (config.key_validity_days == 0) {
        return std::nullopt;
    }
    return std::chrono::days(config.key_validity_days);
}

void block_termination_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

core::Result<std::unique_ptr<storage::Database>> open_database(const Config& config, std::size_t pool_size) {
    GUICHET_TRY(url, storage::parse_database_url(config.database));
    return storage::Database::open(url, pool_size);
}

core::Result<std::unique_ptr<storage::Database>> open_migrated_database(const Config& config,
                                                                        const core::Clock& clock) {
    GUICHET_TRY(database, open_database(config, 1));
    GUICHET_TRY(applied, storage::Migrator(*database, clock).apply_pending());
    (void)applied;
    return database;
}

core::Status prepare_schema(storage::Database& database, const core::Clock& clock, const Config& config,
                            const Logs& logs) {
    storage::Migrator migrator(database, clock);
    if (!config.migrate_on_start) {
        GUICHET_TRY(pending, migrator.pending_count());
        if (pending > 0) {
            return core::fail(core::ErrorCode::unavailable,
                              std::to_string(pending) +
                                  " migration(s) pending and migrations at start are refused: run `guichet migrate`.");
        }
        return {};
    }
    GUICHET_TRY(applied, migrator.apply_pending());
    if (applied > 0) {
        logs.events->info(json_line({{"event", "migrated"}, {"applied", applied}}));
    }
    return {};
}

int serve(const Config& config, const Logs& logs, const std::function<void(std::uint16_t)>& on_listening) {
    core::SystemClock clock;
    const std::size_t pool_size = config.pool_size > 0 ? config.pool_size : config.threads + 4;
    auto database = open_database(config, pool_size);
    if (!database) {
        logs.events->error(json_line({{"event", "database_unavailable"}, {"error", core::describe(database.error())}}));
        return 1;
    }
    storage::Database& db = **database;
    if (auto schema = prepare_schema(db, clock, config, logs); !schema) {
        logs.events->error(json_line({{"event", "schema_not_ready"}, {"error", core::describe(schema.error())}}));
        return 1;
    }
    auto server_key = storage::load_or_create_server_key(db);
    if (!server_key) {
        logs.events->error(
            json_line({{"event", "server_key_unavailable"}, {"error", core::describe(server_key.error())}}));
        return 1;
    }
    const bool deliver_mail = !config.smtp_url.empty();
    std::unique_ptr<notify::OutboxDispatcher> dispatcher;
    std::unique_ptr<jobs::JobRunner> runner;
    Services services(
        db, clock, config, *server_key,
        [&dispatcher] {
            if (dispatcher) {
                dispatcher->wake();
            }
        },
        [&runner] {
            if (runner) {
                runner->wake();
            }
        });
    // Password hashing runs here, one thread per core, never on the threads serving the network.
    core::WorkerPool slow_work(std::max(1u, std::thread::hardware_concurrency()), 256);

    auto built =
        build_web_application(services, clock, config, logs, slow_work, *server_key, [&db] { return db.ping(); });
    web::Application& application = *built;

    std::unique_ptr<notify::SmtpTransport> transport;
    if (deliver_mail) {
        notify::SmtpSettings smtp;
        smtp.url = config.smtp_url;
        smtp.username = config.smtp_username;
        smtp.password = config.smtp_password;
        smtp.tls = config.smtp_tls == "none"       ? notify::SmtpTls::none
                   : config.smtp_tls == "required" ? notify::SmtpTls::required
                                                   : notify::SmtpTls::opportunistic;
        transport = std::make_unique<notify::SmtpTransport>(smtp);
        notify::RetryPolicy policy{std::chrono::seconds(config.mail_retry_base_seconds),
                                   static_cast<int>(config.mail_max_attempts)};
        dispatcher = std::make_unique<notify::OutboxDispatcher>(services.outbox, application.mail_renderer(),
                                                                *transport, clock, policy, logs.events);
    }

    // Background jobs (batches of letters, exports) run on one thread of their own, never on a network thread. Jobs a
    // dead process left running are failed first: their partial files are of no use.
    runner = std::make_unique<jobs::JobRunner>(services.jobs, application.job_kinds(),
                                               jobs::JobDirectory(jobs_directory(config)), jobs::JobRunner::kKeepFiles,
                                               logs.events);
    if (auto recovered = runner->recover(); !recovered) {
        logs.events->error(json_line({{"event", "jobs_unavailable"}, {"error", core::describe(recovered.error())}}));
        return 1;
    }

    web::ServerOptions server_options;
    server_options.address = config.address;
    server_options.port = config.port;
    server_options.threads = config.threads;
    const rlim_t open_files = raise_open_files_limit();
    server_options.limits.max_connections = connections_within(open_files, config.max_connections);
    if (server_options.limits.max_connections < config.max_connections) {
        // A warning when much is lost (the hard limit is the system's: LimitNOFILE= for systemd, ulimit -Hn).
        const bool much = server_options.limits.max_connections < config.max_connections / 10 * 9;
        logs.events->log(much ? spdlog::level::warn : spdlog::level::info,
                         json_line({{"event", "max_connections_lowered"},
                                    {"max_connections", config.max_connections},
                                    {"open_files_limit", open_files},
                                    {"now", server_options.limits.max_connections}}));
    }
    server_options.limits.max_connections_per_address = config.max_connections_per_address;
    server_options.limits.header_timeout = std::chrono::seconds(config.header_timeout_seconds);
    server_options.limits.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
    server_options.limits.keep_alive_timeout = std::chrono::seconds(config.keep_alive_timeout_seconds);
    server_options.limits.hard_body_bytes = std::max<std::size_t>(config.max_body_bytes * 4, 32 * 1024 * 1024);
    web::HttpServer server(server_options, application, logs.events);
    try {
        server.open();
    } catch (const std::exception& error) {
        logs.events->error(json_line({{"event", "listen_failed"}, {"error", error.what()}}));
        return 1;
    }
    if (config.public_url.empty()) {
        const std::string host = config.address == "0.0.0.0" ? "127.0.0.1" : config.address;
        application.set_public_url("http://" + host + ":" + std::to_string(server.port()));
    }
    server.run();
    if (dispatcher) {
        dispatcher->start(std::chrono::seconds(1));
    }
    runner->start(std::chrono::seconds(1));
    // The features' timers (offers that expire, reminders, windows that close) on a thread of their own.
    TimerRunner timers(application.timers(), clock, logs.events);
    timers.start();
    logs.events->info(json_line({{"event", "listening"},
                                 {"address", config.address},
                                 {"port", server.port()},
                                 {"database", db.url().redacted},
                                 {"backend", storage::backend_name(db.backend())},
                                 {"mail", deliver_mail ? "smtp" : "held"},
                                 {"max_connections", server_options.limits.max_connections}}));
    on_listening(server.port());
    // Housekeeping every 10 minutes: dead sessions, old links and spent throttles go.
    std::mutex housekeeping_mutex;
    std::condition_variable housekeeping_wake;
    bool stopping = false;
    std::thread housekeeping([&] {
        std::unique_lock lock(housekeeping_mutex);
        while (!housekeeping_wake.wait_for(lock, std::chrono::minutes(10), [&] { return stopping; })) {
            auto swept = storage::sweep_expired(db, clock.now(), std::chrono::minutes(config.session_idle_minutes),
                                                std::chrono::hours(config.session_absolute_hours));
            if (!swept) {
                logs.events->error(
                    json_line({{"event", "housekeeping_failed"}, {"error", core::describe(swept.error())}}));
            }
        }
    });
    const int signal = wait_for_termination_signal();
    {
        std::lock_guard lock(housekeeping_mutex);
        stopping = true;
    }
    housekeeping_wake.notify_all();
    housekeeping.join();
    logs.events->info(json_line({{"event", "stopping"}, {"signal", signal}}));
    // The job in hand stops at its next chunk and is failed as interrupted; the agent starts it again.
    timers.stop();
    runner->stop();
    server.stop(std::chrono::seconds(10));
    if (dispatcher) {
        dispatcher->stop();
    }
    logs.events->info(json_line({{"event", "stopped"}}));
    return 0;
}

}  // namespace guichet::app
