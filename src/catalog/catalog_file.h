#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/error.h"

namespace guichet::catalog {

// One fault of a catalogue file: where (a JSON path, "$.activities[2].rules.booking.on_time.days") and what (a
// catalogue key "err_catalog_…" with its parameters, rendered in French by the command line).
struct FileError {
    std::string path;
    core::Error error;
};

// A catalogue read from a file: the entries with ids local to the document (1, 2, 3… in file order within each
// list), references between them resolved by code; the import maps them onto the commune's rows by code.
struct CatalogDocument {
    Catalog catalog;
    std::vector<FileError> errors;  // empty when the file is valid

    [[nodiscard]] bool valid() const noexcept { return errors.empty(); }
};

// Reads and checks a whole catalogue file (docs/catalog-format.md, docs/catalog.schema.json): its JSON, every field's
// type and range, codes unique in their list, references to known codes, dates in order and inside their school
// year. Reports every fault found, each with its path, rather than stopping at the first; a file that is not JSON
// at all has one error at "$".
[[nodiscard]] CatalogDocument read_catalog_file(std::string_view text);

// Writes a commune's catalogue in the file format, UTF-8, indented by two spaces, ending with a newline. The output is
// canonical: each list in code (label, date) order and every field in a fixed order, so that a catalogue exported,
// imported and exported again gives the same bytes, and two catalogues with the same content give the same text
// whatever their ids. REQUIRES: every id the catalogue's entries refer to is one of its own entries.
[[nodiscard]] std::string write_catalog_file(const Catalog& catalog);

// The rules of an activity as the JSON text of the file's "rules" member, compact: what the database keeps in one
// column, so that a new kind of rule changes the file format and the column together.
[[nodiscard]] std::string write_rules(const ActivityRules& rules);
// Reads that text back for an activity of this kind; nothing when it is not valid rules.
[[nodiscard]] std::optional<ActivityRules> read_rules(std::string_view text, ActivityKind kind);

}  // namespace guichet::catalog
