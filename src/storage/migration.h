#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/database_url.h"

namespace guichet::storage {

// One step of the schema, applied once, in order, inside one transaction. Versions never change once released:
// a later change is a new migration. Each module's folder (storage/<module>/<module>_schema.cpp) declares its own
// migrations; versions are one sequence across modules, so that the order of the whole history is fixed.
//
// Statements are written once for both backends, with three dialect words in braces that each backend spells its
// own way (storage/sqlite/, storage/postgres/):
//   {id}      the primary key of a table whose ids the database assigns
//   {int}     a 64-bit integer column
//   {strict}  after a CREATE TABLE's closing parenthesis: SQLite's STRICT typing (nothing on PostgreSQL)
// Everything else is the SQL both backends share. A backend-specific statement is not allowed: a difference that
// three words cannot express is a sign the schema should be simpler.
struct Migration {
    int version;
    std::string_view name;
    std::vector<std::string_view> statements;
};

// How a backend spells the dialect words.
struct Dialect {
    std::string_view id;
    std::string_view integer;
    std::string_view strict;
};

// Returns the statement with its dialect words replaced. Throws std::invalid_argument for an unknown word in braces,
// which is a programming error caught by the migration tests.
[[nodiscard]] std::string render_statement(std::string_view statement, const Dialect& dialect);

// Returns the dialect of a backend.
[[nodiscard]] const Dialect& dialect_of(Backend backend);

// Every module's migrations, ordered by version. Throws std::logic_error when two migrations share a version or a
// version is missing, so that a clash between modules is found by the first test run.
[[nodiscard]] const std::vector<Migration>& all_migrations();

// The migrations of each module, declared in storage/<module>/<module>_schema.cpp.
[[nodiscard]] std::vector<Migration> tenancy_migrations();
[[nodiscard]] std::vector<Migration> identity_migrations();
[[nodiscard]] std::vector<Migration> family_migrations();
[[nodiscard]] std::vector<Migration> jobs_migrations();
[[nodiscard]] std::vector<Migration> catalog_migrations();
[[nodiscard]] std::vector<Migration> booking_migrations();

}  // namespace guichet::storage
