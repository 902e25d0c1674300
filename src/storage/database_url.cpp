#include "storage/database_url.h"

#include <libpq-fe.h>

namespace guichet::storage {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string redact_password(std::string_view uri) {
    // postgresql://user:secret@host/db → postgresql://user:***@host/db
    const auto scheme_end = uri.find("://");
    const auto at = uri.find('@');
    if (scheme_end == std::string_view::npos || at == std::string_view::npos) {
        return std::string(uri);
    }
    const auto colon = uri.find(':', scheme_end + 3);
    if (colon == std::string_view::npos || colon > at) {
        return std::string(uri);
    }
    return std::string(uri.substr(0, colon + 1)) + "***" + std::string(uri.substr(at));
}

// SOCI's PostgreSQL backend parses its connect string as keyword=value pairs (to find its own options), which
// mangles a URI. libpq itself turns the URI into keywords; quote each value as libpq expects.
core::Result<std::string> uri_to_keywords(std::string_view uri) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(std::string(uri).c_str(), &error);
    if (options == nullptr) {
        std::string message = error != nullptr ? error : "cannot parse";
        PQfreemem(error);
        return core::fail(
            core::make_error(core::ErrorCode::invalid_input, "err_database_url", "database").with_detail(message));
    }
    std::string keywords;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0') {
            continue;
        }
        std::string value;
        for (const char* c = option->val; *c != '\0'; ++c) {
            if (*c == '\'' || *c == '\\') {
                value.push_back('\\');
            }
            value.push_back(*c);
        }
        keywords += std::string(keywords.empty() ? "" : " ") + option->keyword + "='" + value + "'";
    }
    PQconninfoFree(options);
    return keywords;
}

}  // namespace

std::string_view backend_name(Backend backend) {
    return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

core::Result<DatabaseUrl> parse_database_url(std::string_view location) {
    if (location.empty()) {
        return core::fail(core::ErrorCode::invalid_input, "err_database_missing", "database");
    }
    if (starts_with(location, "postgresql://") || starts_with(location, "postgres://")) {
        GUICHET_TRY(keywords, uri_to_keywords(location));
        return DatabaseUrl{Backend::postgresql, std::move(keywords), redact_password(location)};
    }
    std::string_view path = location;
    if (starts_with(path, "sqlite://")) {
        path.remove_prefix(9);
    } else if (starts_with(path, "sqlite:")) {
        path.remove_prefix(7);
    } else if (path.find("://") != std::string_view::npos) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_database_scheme", "database")
                              .with("database", std::string(location)));
    }
    if (path.empty()) {
        return core::fail(core::ErrorCode::invalid_input, "err_database_no_file", "database");
    }
    return DatabaseUrl{Backend::sqlite, std::string(path), std::string(path)};
}

}  // namespace guichet::storage
