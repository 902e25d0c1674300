#include "core/csv_writer.h"

namespace guichet::core {
namespace {

// What a spreadsheet may read as the start of a formula (or, for tab and CR, what Excel skips before reading one).
bool starts_formula(std::string_view value) {
    if (value.empty()) {
        return false;
    }
    switch (value.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

bool needs_quotes(std::string_view value) {
    return value.find_first_of(";\"\r\n") != std::string_view::npos;
}

void append_cell(std::string& out, std::string_view value) {
    // The apostrophe goes inside the quotes: it must be the first character of the cell's value.
    const bool neutralise = starts_formula(value);
    if (!needs_quotes(value)) {
        if (neutralise) {
            out += '\'';
        }
        out += value;
        return;
    }
    out += '"';
    if (neutralise) {
        out += '\'';
    }
    for (char c : value) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

}  // namespace

CsvWriter::CsvWriter() : m_text(kUtf8ByteOrderMark) {}

void CsvWriter::cell(std::string_view value, bool first) {
    if (!first) {
        m_text += ';';
    }
    append_cell(m_text, value);
}

void CsvWriter::row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        cell(cells[i], i == 0);
    }
    m_text += "\r\n";
}

void CsvWriter::row(std::initializer_list<std::string_view> cells) {
    bool first = true;
    for (std::string_view value : cells) {
        cell(value, first);
        first = false;
    }
    m_text += "\r\n";
}

std::string csv_cell(std::string_view value) {
    std::string out;
    append_cell(out, value);
    return out;
}

}  // namespace guichet::core
