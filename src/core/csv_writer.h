#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::core {

// Writes CSV files that French Excel opens as they are meant: UTF-8 with a byte-order mark (without it, Excel reads
// the bytes as Windows-1252), ';' between cells (the list separator of a French Windows), CRLF after every row.
// A cell holding ';', '"', CR or LF is quoted, with its quotes doubled (RFC 4180).
//
// Every cell that starts with '=', '+', '-', '@', a tab or a CR is prefixed with an apostrophe, so that a spreadsheet
// shows it as text instead of running it as a formula (CSV injection: a family's name "=HYPERLINK(…)" typed on the
// portal must not become a link, nor "=cmd|…" a command, on an agent's computer; OWASP's advice). A number that
// starts with '-' or '+' (a phone "+33…") is therefore exported as text too, which is what a phone number is.
class CsvWriter {
  public:
    // Starts the document with the byte-order mark.
    CsvWriter();

    // Appends one row: the cells in order, as UTF-8.
    void row(const std::vector<std::string>& cells);
    void row(std::initializer_list<std::string_view> cells);

    // The document so far.
    [[nodiscard]] const std::string& text() const { return m_text; }
    // Gives the document away; the writer is left empty (not even the byte-order mark).
    [[nodiscard]] std::string take() { return std::move(m_text); }

  private:
    void cell(std::string_view value, bool first);

    std::string m_text;
};

// Returns one cell as CsvWriter writes it: neutralised when it could start a formula, quoted when it must be.
[[nodiscard]] std::string csv_cell(std::string_view value);

// The UTF-8 byte-order mark that starts every document.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

}  // namespace guichet::core
