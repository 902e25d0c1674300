#include "app/config.h"

#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "web/request/client_address.h"

namespace guichet::app {
namespace {

core::Status refuse_unknown_keys(const toml::table& table, std::string_view section,
                                 const std::set<std::string>& known) {
    for (const auto& [key, value] : table) {
        if (known.count(std::string(key.str())) == 0) {
            const std::string name =
                section.empty() ? std::string(key.str()) : std::string(section) + "." + std::string(key.str());
            return core::fail(
                core::make_error(core::ErrorCode::invalid_input, "err_config_unknown_key").with("key", name));
        }
    }
    return {};
}

template <class T>
core::Status read_integer(const toml::table& table, std::string_view key, T minimum, T maximum, T& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return {};
    }
    const auto value = node->value<std::int64_t>();
    if (!value || *value < static_cast<std::int64_t>(minimum) || *value > static_cast<std::int64_t>(maximum)) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_config_integer")
                              .with("key", std::string(key))
                              .with("minimum", std::to_string(minimum))
                              .with("maximum", std::to_string(maximum)));
    }
    out = static_cast<T>(*value);
    return {};
}

core::Status read_string(const toml::table& table, std::string_view key, std::string& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return {};
    }
    const auto value = node->value<std::string>();
    if (!value) {
        return core::fail(
            core::make_error(core::ErrorCode::invalid_input, "err_config_text").with("key", std::string(key)));
    }
    out = *value;
    return {};
}

core::Status read_bool(const toml::table& table, std::string_view key, bool& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return {};
    }
    const auto value = node->value<bool>();
    if (!value) {
        return core::fail(
            core::make_error(core::ErrorCode::invalid_input, "err_config_boolean").with("key", std::string(key)));
    }
    out = *value;
    return {};
}

// A list of addresses or networks ("127.0.0.1", "10.0.0.0/8", "::1"), each checked.
core::Status read_addresses(const toml::table& table, std::string_view key, std::vector<std::string>& out) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return {};
    }
    const toml::array* array = node->as_array();
    std::vector<std::string> texts;
    const auto refused = [&](const std::string& value) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_config_addresses")
                              .with("key", std::string(key))
                              .with("value", value));
    };
    if (array == nullptr) {
        return refused("");
    }
    for (const auto& element : *array) {
        const auto value = element.value<std::string>();
        if (!value || !web::AddressRange::parse(*value)) {
            return refused(value.value_or(""));
        }
        texts.push_back(*value);
    }
    out = std::move(texts);
    return {};
}

const toml::table* section(const toml::table& root, std::string_view name) {
    const toml::node* node = root.get(name);
    return node == nullptr ? nullptr : node->as_table();
}

}  // namespace

core::Status load_config_text(std::string_view text, Config& result) {
    // Work on a copy: a file refused half-way must change nothing.
    Config config = result;
    toml::table root;
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error& error) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_config_syntax")
                              .with("reason", std::string(error.description())));
    }
    GUICHET_TRY_STATUS(
        refuse_unknown_keys(root, "", {"server", "database", "log", "mail", "security", "family", "metrics", "jobs"}));
    if (const toml::table* server = section(root, "server")) {
        GUICHET_TRY_STATUS(
            refuse_unknown_keys(*server, "server",
                                {"address", "port", "threads", "max_body_bytes", "https", "max_connections",
                                 "max_connections_per_address", "header_timeout_seconds", "read_timeout_seconds",
                                 "keep_alive_timeout_seconds", "public_url", "trusted_proxies"}));
        GUICHET_TRY_STATUS(read_addresses(*server, "trusted_proxies", config.trusted_proxies));
        GUICHET_TRY_STATUS(read_string(*server, "address", config.address));
        GUICHET_TRY_STATUS(read_integer<std::uint16_t>(*server, "port", 0, 65535, config.port));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*server, "threads", 1, 256, config.threads));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*server, "max_body_bytes", 1024, 512 * 1024 * 1024, config.max_body_bytes));
        GUICHET_TRY_STATUS(read_bool(*server, "https", config.https));
        GUICHET_TRY_STATUS(read_string(*server, "public_url", config.public_url));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*server, "max_connections", 1, 1000000, config.max_connections));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*server, "max_connections_per_address", 0, 1000000,
                                                     config.max_connections_per_address));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*server, "header_timeout_seconds", 1, 3600, config.header_timeout_seconds));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*server, "read_timeout_seconds", 1, 3600, config.read_timeout_seconds));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*server, "keep_alive_timeout_seconds", 1, 3600,
                                                     config.keep_alive_timeout_seconds));
    }
    if (const toml::table* metrics = section(root, "metrics")) {
        GUICHET_TRY_STATUS(refuse_unknown_keys(*metrics, "metrics", {"allow", "bearer_token"}));
        GUICHET_TRY_STATUS(read_addresses(*metrics, "allow", config.metrics_allow));
        GUICHET_TRY_STATUS(read_string(*metrics, "bearer_token", config.metrics_bearer_token));
        if (!config.metrics_bearer_token.empty() && config.metrics_bearer_token.size() < 32) {
            return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_config_token")
                                  .with("key", "metrics.bearer_token"));
        }
    }
    if (const toml::table* database = section(root, "database")) {
        GUICHET_TRY_STATUS(refuse_unknown_keys(*database, "database", {"url", "pool_size", "migrate_on_start"}));
        GUICHET_TRY_STATUS(read_string(*database, "url", config.database));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*database, "pool_size", 1, 512, config.pool_size));
        GUICHET_TRY_STATUS(read_bool(*database, "migrate_on_start", config.migrate_on_start));
    }
    if (const toml::table* log = section(root, "log")) {
        GUICHET_TRY_STATUS(refuse_unknown_keys(*log, "log", {"level"}));
        GUICHET_TRY_STATUS(read_string(*log, "level", config.log_level));
    }
    if (const toml::table* mail = section(root, "mail")) {
        GUICHET_TRY_STATUS(refuse_unknown_keys(
            *mail, "mail", {"smtp_url", "username", "password", "tls", "from", "retry_base_seconds", "max_attempts"}));
        GUICHET_TRY_STATUS(read_string(*mail, "smtp_url", config.smtp_url));
        GUICHET_TRY_STATUS(read_string(*mail, "username", config.smtp_username));
        GUICHET_TRY_STATUS(read_string(*mail, "password", config.smtp_password));
        GUICHET_TRY_STATUS(read_string(*mail, "tls", config.smtp_tls));
        GUICHET_TRY_STATUS(read_string(*mail, "from", config.mail_from));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*mail, "retry_base_seconds", 1, 86400, config.mail_retry_base_seconds));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*mail, "max_attempts", 1, 100, config.mail_max_attempts));
        if (config.smtp_tls != "none" && config.smtp_tls != "opportunistic" && config.smtp_tls != "required") {
            return core::fail(core::ErrorCode::invalid_input, "err_config_tls");
        }
    }
    if (const toml::table* security = section(root, "security")) {
        GUICHET_TRY_STATUS(
            refuse_unknown_keys(*security, "security",
                                {"argon2_memory_kib", "argon2_passes", "session_idle_minutes", "session_absolute_hours",
                                 "signups_per_address_per_hour", "mails_per_unverified_address_per_day"}));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*security, "argon2_memory_kib", 8, 4 * 1024 * 1024, config.argon2_memory_kib));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*security, "argon2_passes", 1, 20, config.argon2_passes));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*security, "session_idle_minutes", 1, 24 * 60, config.session_idle_minutes));
        GUICHET_TRY_STATUS(
            read_integer<std::size_t>(*security, "session_absolute_hours", 1, 24 * 30, config.session_absolute_hours));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*security, "signups_per_address_per_hour", 1, 100000,
                                                     config.signups_per_address_per_hour));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*security, "mails_per_unverified_address_per_day", 1, 1000,
                                                     config.mails_per_unverified_address_per_day));
    }
    if (const toml::table* family = section(root, "family")) {
        GUICHET_TRY_STATUS(refuse_unknown_keys(*family, "family", {"key_validity_days"}));
        GUICHET_TRY_STATUS(read_integer<std::size_t>(*family, "key_validity_days", 0, 3650, config.key_validity_days));
    }
    if (const toml::table* jobs = section(root, "jobs")) {
        GUICHET_TRY_STATUS(refuse_unknown_keys(*jobs, "jobs", {"directory"}));
        GUICHET_TRY_STATUS(read_string(*jobs, "directory", config.jobs_directory));
    }
    result = config;
    return {};
}

core::Status load_config_file(const std::string& path, Config& config) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_config_file").with("path", path));
    }
    std::ostringstream text;
    text << file.rdbuf();
    return load_config_text(text.str(), config);
}

void apply_overrides(const ConfigOverrides& overrides, Config& config) {
    if (overrides.address)
        config.address = *overrides.address;
    if (overrides.port)
        config.port = *overrides.port;
    if (overrides.database)
        config.database = *overrides.database;
    if (overrides.threads)
        config.threads = *overrides.threads;
    if (overrides.log_level)
        config.log_level = *overrides.log_level;
    if (overrides.https)
        config.https = *overrides.https;
    if (overrides.no_migrate)
        config.migrate_on_start = false;
}

}  // namespace guichet::app
