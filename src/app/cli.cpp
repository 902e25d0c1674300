#include "app/cli.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

#include "app/agent_commands.h"
#include "app/allocation_commands.h"
#include "app/booking_commands.h"
#include "app/catalog_commands.h"
#include "app/config.h"
#include "app/demo.h"
#include "app/error_text.h"
#include "app/family_commands.h"
#include "app/logging.h"
#include "app/routes_command.h"
#include "app/runtime.h"
#include "app/tenant_commands.h"
#include "app/timers_command.h"

namespace guichet::app {
namespace {

// Options every subcommand shares: where the configuration file and the database are.
struct CommonOptions {
    std::string config_file;
    std::string database;
    CLI::Option* database_option = nullptr;
};

// Options of the server subcommands (serve, demo).
struct ServerOptions {
    std::string address;
    std::uint16_t port = 0;
    std::size_t threads = 0;
    std::string log_level;
    bool no_migrate = false;
    bool https = false;
    CLI::Option* address_option = nullptr;
    CLI::Option* port_option = nullptr;
    CLI::Option* threads_option = nullptr;
    CLI::Option* log_level_option = nullptr;
    CLI::Option* https_option = nullptr;
};

void add_common_options(CLI::App& command, CommonOptions& options) {
    command.add_option("-c,--config", options.config_file, "TOML configuration file")->envname("GUICHET_CONFIG");
    options.database_option =
        command
            .add_option("-d,--database", options.database,
                        "Database: a SQLite file path (default ./var/guichet.db) or postgresql://user@host:port/db")
            ->envname("GUICHET_DATABASE");
}

void add_server_options(CLI::App& command, ServerOptions& options) {
    options.address_option =
        command.add_option("-a,--address", options.address, "Address to listen on (default 127.0.0.1)")
            ->envname("GUICHET_ADDRESS");
    options.port_option = command.add_option("-p,--port", options.port, "Port to listen on (default 8080; 0 = any)")
                              ->envname("GUICHET_PORT");
    options.threads_option = command.add_option("-t,--threads", options.threads, "Worker threads (default 4)")
                                 ->check(CLI::Range(1, 256))
                                 ->envname("GUICHET_THREADS");
    options.log_level_option =
        command.add_option("--log-level", options.log_level, "debug, info, warn or error (default info)")
            ->envname("GUICHET_LOG_LEVEL");
    options.https_option = command.add_flag("--https", options.https, "Served behind HTTPS: Secure cookies and HSTS")
                               ->envname("GUICHET_HTTPS");
    command.add_flag("--no-migrate", options.no_migrate,
                     "Do not apply database migrations at start; refuse to start if some are pending");
}

// Builds the effective configuration: defaults, then the file, then what was given explicitly.
bool resolve_config(const CommonOptions& common, const ServerOptions* server, Config& config) {
    if (!common.config_file.empty()) {
        if (auto loaded = load_config_file(common.config_file, config); !loaded) {
            std::cerr << "error: " << error_text(loaded.error()) << "\n";
            return false;
        }
    }
    ConfigOverrides overrides;
    if (common.database_option->count() > 0)
        overrides.database = common.database;
    if (server != nullptr) {
        if (server->address_option->count() > 0)
            overrides.address = server->address;
        if (server->port_option->count() > 0)
            overrides.port = server->port;
        if (server->threads_option->count() > 0)
            overrides.threads = server->threads;
        if (server->log_level_option->count() > 0)
            overrides.log_level = server->log_level;
        if (server->https_option->count() > 0)
            overrides.https = server->https;
        overrides.no_migrate = server->no_migrate;
    }
    apply_overrides(overrides, config);
    return true;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App cli{"Guichet — the family portal of a town (portail famille).", "guichet"};
    cli.require_subcommand(1);
    cli.set_version_flag("--version", "guichet 0.1.0");

    CommonOptions serve_common, demo_common, migrate_common, tenant_common;
    ServerOptions serve_options, demo_options;
    CLI::App* serve_command = cli.add_subcommand("serve", "Serve every commune of the database over HTTP");
    add_common_options(*serve_command, serve_common);
    add_server_options(*serve_command, serve_options);

    CLI::App* demo =
        cli.add_subcommand("demo", "Create the demo commune (Chanteloup-les-Vignes) if needed and serve it");
    add_common_options(*demo, demo_common);
    add_server_options(*demo, demo_options);

    bool status_only = false;
    CLI::App* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
    add_common_options(*migrate, migrate_common);
    migrate->add_flag("--status", status_only, "List migrations and whether each is applied; change nothing");

    CLI::App* tenant = cli.add_subcommand("tenant", "Manage the communes (tenants) served");
    tenant->require_subcommand(1);
    add_common_options(*tenant, tenant_common);
    TenantCreateInput create_input;
    CLI::App* create = tenant->add_subcommand("create", "Create a commune");
    create->add_option("slug", create_input.commune.slug, "URL identifier, e.g. chanteloup-les-vignes")->required();
    create->add_option("--name", create_input.commune.name, "Display name, e.g. Chanteloup-les-Vignes")->required();
    create->add_option("--time-zone", create_input.commune.time_zone, "IANA time zone (default Europe/Paris)");
    create->add_option("--service", create_input.commune.contact.service, "Front desk name, e.g. Guichet unique");
    create->add_option("--address", create_input.commune.contact.address, "Front desk address");
    create->add_option("--postal", create_input.commune.contact.postal, "Postal code and town");
    create->add_option("--phone", create_input.commune.contact.phone, "Front desk phone");
    create->add_option("--email", create_input.commune.contact.email, "Service email (Reply-To of mails)");
    create->add_option("--hours", create_input.commune.contact.opening_hours, "Opening hours");
    create->add_option("--logo", create_input.logo_file, "Logo file (PNG, JPEG or SVG, at most 256 KiB)");
    CLI::App* list = tenant->add_subcommand("list", "List the communes");
    std::string show_slug;
    CLI::App* show = tenant->add_subcommand("show", "Show a commune's settings");
    show->add_option("slug", show_slug, "The commune's slug")->required();
    // --database and --config belong to `tenant` but may be written after create/list/show.
    for (CLI::App* leaf : {create, list, show}) {
        leaf->fallthrough();
    }

    CommonOptions agent_common;
    AgentAddInput agent_input;
    CLI::App* agent = cli.add_subcommand("agent", "Manage the town's staff accounts");
    agent->require_subcommand(1);
    add_common_options(*agent, agent_common);
    CLI::App* agent_add_command =
        agent->add_subcommand("add", "Create an agent or admin and print its set-password link");
    agent_add_command->add_option("commune", agent_input.commune, "The commune's slug")->required();
    agent_add_command->add_option("--email", agent_input.email, "The agent's email address (also the login)")
        ->required();
    agent_add_command->add_option("--role", agent_input.role, "agent or admin (default agent)")
        ->check(CLI::IsMember({"agent", "admin", "site_staff"}));
    agent_add_command->add_option("--first-name", agent_input.first_name, "First name")->required();
    agent_add_command->add_option("--last-name", agent_input.last_name, "Last name")->required();
    agent_add_command->fallthrough();

    CommonOptions routes_common;
    CLI::App* routes = cli.add_subcommand("routes", "List every route: method, path, name, access policy, kind");
    routes->add_option("-c,--config", routes_common.config_file, "TOML configuration file")->envname("GUICHET_CONFIG");
    routes_common.database_option = routes->add_option("-d,--database", routes_common.database,
                                                       "Ignored: the "
                                                       "routes are listed from a throw-away database");

    CommonOptions family_common;
    std::string import_commune, import_file;
    bool import_skip_errors = false;
    CLI::App* family_command = cli.add_subcommand("family", "Manage the family records");
    family_command->require_subcommand(1);
    add_common_options(*family_command, family_common);
    CLI::App* import_command = family_command->add_subcommand("import", "Import households from a CSV file");
    import_command->add_option("commune", import_commune, "The commune's slug")->required();
    import_command->add_option("file", import_file, "Semicolon-separated UTF-8 file (see the back office)")->required();
    import_command->add_flag("--skip-errors", import_skip_errors,
                             "Import the valid households even when some lines have errors");
    import_command->fallthrough();

    CommonOptions catalog_common;
    std::string catalog_commune, catalog_file;
    CLI::App* catalog_command = cli.add_subcommand("catalog", "Export or import a commune's catalogue (JSON file)");
    catalog_command->require_subcommand(1);
    add_common_options(*catalog_command, catalog_common);
    CLI::App* catalog_export_command =
        catalog_command->add_subcommand("export", "Write the commune's catalogue to a file (docs/catalog-format.md)");
    CLI::App* catalog_import_command = catalog_command->add_subcommand(
        "import", "Check a catalogue file and replace the commune's catalogue by it (nothing changes on error)");
    for (CLI::App* leaf : {catalog_export_command, catalog_import_command}) {
        leaf->add_option("commune", catalog_commune, "The commune's slug")->required();
        leaf->add_option("file", catalog_file, "The JSON file (- for standard output or input)")->required();
        leaf->fallthrough();
    }

    CommonOptions rules_common;
    std::string rules_commune, rules_activity, rules_day, rules_at;
    std::optional<long long> rules_child;
    CLI::App* rules_command = cli.add_subcommand("rules", "The booking deadline rules");
    rules_command->require_subcommand(1);
    add_common_options(*rules_command, rules_common);
    CLI::App* explain_command = rules_command->add_subcommand(
        "explain", "Print, as JSON, what booking a day of an activity at an instant would do, and why");
    explain_command->add_option("commune", rules_commune, "The commune's slug")->required();
    explain_command->add_option("--activity", rules_activity, "The activity's code (apps-matin, tram…)")->required();
    explain_command->add_option("--day", rules_day, "The day to book, YYYY-MM-DD")->required();
    explain_command->add_option("--at", rules_at, "When the booking is made, ISO 8601 with Z or an offset")->required();
    explain_command->add_option("--child", rules_child,
                                "A child's id: his enrolment and the places left are judged too");
    explain_command->fallthrough();

    CommonOptions timers_common;
    std::vector<std::string> timer_names;
    std::optional<std::string> timers_at;
    CLI::App* timers_group = cli.add_subcommand("timers", "The features' timers (offers that expire, reminders…)");
    timers_group->require_subcommand(1);
    add_common_options(*timers_group, timers_common);
    CLI::App* timers_list = timers_group->add_subcommand("list", "List the timers and their periods in seconds");
    CLI::App* timers_run = timers_group->add_subcommand("run", "Tick timers once, as serve would at that instant");
    timers_run->add_option("names", timer_names, "The timers to tick (default: every one)");
    timers_run->add_option("--at", timers_at, "The instant to tick at, ISO 8601 in UTC (default: now)");
    timers_list->fallthrough();
    timers_run->fallthrough();

    CommonOptions allocation_common;
    std::string allocation_commune, allocation_session;
    CLI::App* allocation_group = cli.add_subcommand("allocation", "The allocation of sessions in pre-registration");
    allocation_group->require_subcommand(1);
    add_common_options(*allocation_group, allocation_common);
    CLI::App* allocation_replay_command = allocation_group->add_subcommand(
        "replay", "Recompute a session's allocation from its recorded seed and requests; exit 0 when it is the same");
    allocation_replay_command->add_option("commune", allocation_commune, "The commune's slug")->required();
    allocation_replay_command->add_option("session", allocation_session, "The session's code")->required();
    allocation_replay_command->fallthrough();

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return cli.exit(error);
    }

    Config config;
    if (serve_command->parsed() || demo->parsed()) {
        const bool is_demo = demo->parsed();
        if (!resolve_config(is_demo ? demo_common : serve_common, is_demo ? &demo_options : &serve_options, config)) {
            return 2;
        }
        const Logs logs = make_logs(config.log_level);
        block_termination_signals();
        return is_demo ? run_demo(config, logs) : serve(config, logs, [](std::uint16_t) {});
    }
    if (routes->parsed()) {
        return resolve_config(routes_common, nullptr, config) ? routes_command(config, std::cout, std::cerr) : 2;
    }
    if (timers_group->parsed()) {
        return resolve_config(timers_common, nullptr, config)
                   ? timers_command(config, timers_list->parsed(), timer_names, timers_at, std::cout, std::cerr)
                   : 2;
    }
    if (migrate->parsed()) {
        return resolve_config(migrate_common, nullptr, config)
                   ? migrate_command(config, status_only, std::cout, std::cerr)
                   : 2;
    }
    if (family_command->parsed()) {
        return resolve_config(family_common, nullptr, config)
                   ? family_import(config, import_commune, import_file, import_skip_errors, std::cout, std::cerr)
                   : 2;
    }
    if (catalog_command->parsed()) {
        if (!resolve_config(catalog_common, nullptr, config))
            return 2;
        return catalog_export_command->parsed()
                   ? catalog_export(config, catalog_commune, catalog_file, std::cout, std::cerr)
                   : catalog_import(config, catalog_commune, catalog_file, std::cout, std::cerr);
    }
    if (rules_command->parsed()) {
        return resolve_config(rules_common, nullptr, config)
                   ? rules_explain(config, rules_commune, rules_activity, rules_day, rules_at, rules_child, std::cout,
                                   std::cerr)
                   : 2;
    }
    if (allocation_group->parsed()) {
        return resolve_config(allocation_common, nullptr, config)
                   ? allocation_replay(config, allocation_commune, allocation_session, std::cout, std::cerr)
                   : 2;
    }
    if (agent->parsed()) {
        return resolve_config(agent_common, nullptr, config) ? agent_add(config, agent_input, std::cout, std::cerr) : 2;
    }
    if (!resolve_config(tenant_common, nullptr, config)) {
        return 2;
    }
    if (create->parsed())
        return tenant_create(config, create_input, std::cout, std::cerr);
    if (list->parsed())
        return tenant_list(config, std::cout, std::cerr);
    if (show->parsed())
        return tenant_show(config, show_slug, std::cout, std::cerr);
    return 2;
}

}  // namespace guichet::app
