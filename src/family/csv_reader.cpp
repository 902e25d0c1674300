#include "family/csv_reader.h"

#include <csv.h>

#include <algorithm>

#include "core/text.h"

namespace guichet::family {
namespace {

struct Collector {
    std::vector<CsvRecord> records;
    std::vector<std::string> current;
    std::size_t line = 1;       // line the current record starts on
    std::size_t next_line = 1;  // line after the last completed record
    std::string_view text;
    std::size_t consumed = 0;
};

void on_field(void* data, std::size_t size, void* context) {
    auto* collector = static_cast<Collector*>(context);
    if (size == 0 || data == nullptr) {
        collector->current.emplace_back();
    } else {
        collector->current.emplace_back(static_cast<const char*>(data), size);
    }
}

void on_record(int, void* context) {
    auto* collector = static_cast<Collector*>(context);
    collector->records.push_back({collector->line, std::move(collector->current)});
    collector->current.clear();
}

}  // namespace

core::Result<std::vector<CsvRecord>> read_csv(std::string_view text, char delimiter) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    if (!core::is_clean_utf8(text)) {
        return core::fail(core::ErrorCode::invalid_input, "err_csv_encoding");
    }
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        return core::fail(core::make_error(core::ErrorCode::internal, "error_internal").with_detail("csv_init failed"));
    }
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    Collector collector;
    // Feed line by line so that each record knows the line it started on.
    std::size_t start = 0;
    std::size_t line = 1;
    bool failed = false;
    while (start < text.size() && !failed) {
        const auto end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
        if (collector.current.empty()) {
            collector.line = line;
        }
        const std::string_view chunk = text.substr(start, stop - start);
        if (csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_record, &collector) != chunk.size()) {
            failed = true;
        }
        start = stop;
        ++line;
    }
    if (!failed && csv_fini(&parser, on_field, on_record, &collector) != 0) {
        failed = true;
    }
    csv_free(&parser);
    if (failed) {
        return core::fail(core::ErrorCode::invalid_input, "err_csv_quotes");
    }
    // Blank lines are not records.
    std::erase_if(collector.records, [](const CsvRecord& record) {
        return std::all_of(record.fields.begin(), record.fields.end(),
                           [](const std::string& field) { return core::trim(field).empty(); });
    });
    return collector.records;
}

}  // namespace guichet::family
