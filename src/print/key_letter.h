#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace guichet::print {

// Everything printed on one letter. All texts are UTF-8 and already in the reader's language (the caller takes them
// from its message catalogue); the module does no translation. Texts are printed as they are: they are not Pango
// markup, so "<", ">" and "&" need no escaping. A field left empty (or a list left empty) is simply not printed, and
// takes no room on the page. A line feed in a text starts a new line; invalid UTF-8 and control characters are
// printed as U+FFFD (�) rather than failing the batch.
struct KeyLetter {
    // Sender block (top left, 20 mm from the top and from the left): the town in bold, then its front desk, one line
    // each, in smaller grey type.
    std::string commune_name;               // "Chanteloup-les-Vignes"
    std::vector<std::string> sender_lines;  // {"Guichet unique", "Espace Victor Hugo • 18 avenue de Poissy", …}

    // Recipient block, positioned for a French DL window envelope (110 × 220 mm, window 45 × 100 mm at 20 mm from the
    // right and 15 mm from the bottom): it starts 100 mm from the left and 50 mm from the top of the page, and is
    // 90 mm wide. Depending on where the folded letter sits in the envelope, the window shows the page from about
    // 39 to 95 mm from the top; nothing else is printed on that band of the right half. The window shows about six
    // lines of address; more lines are printed but may fall outside it.
    std::vector<std::string> recipient_lines;  // {"Madame Marie DUPONT", "18 avenue de Poissy", "78570 …"}

    // Printed above the recipient block (31 mm from the top), aligned with it, so that it stays out of the window.
    std::string place_and_date;  // "Chanteloup-les-Vignes, le 26/11/2026"

    // The body, in this order, between the 20 mm margins, starting under the window (95 mm from the top, or lower
    // when the sender or recipient block is longer): the subject in bold, the salutation, the paragraphs (justified),
    // then the key block.
    std::string subject;                  // "Objet : votre clé enfance pour l’Espace citoyens"
    std::string salutation;               // "Madame,"
    std::vector<std::string> paragraphs;  // body paragraphs before the key

    // The key block, kept on one page: the label in bold, the key in a framed grey box (large monospace type with
    // extra letter spacing, centred), and the note in smaller type under the box.
    std::string key_label;  // "Votre clé enfance personnelle :"
    std::string key;        // "K7QM-3XH9-P2TD"
    std::string key_note;   // "Elle ne sert qu’une fois ; elle est valable jusqu’au 31/12/2026."

    // The steps title in bold, the steps numbered "1.", "2.", … with a hanging indent, then the portal address in
    // bold on its own line, indented like the steps.
    std::string steps_title;         // "Comment l’utiliser ?"
    std::vector<std::string> steps;  // without their numbers: the module numbers them
    std::string portal_url;          // "https://portail.example/chanteloup-les-vignes/"

    std::vector<std::string> closing_paragraphs;  // after the steps (help, contact)
    std::string signature;                        // "Le service Enfance", printed on the right half of the page

    // A small grey line (wrapped and centred if long) at the bottom of every page of the letter. When a letter takes
    // more than one page, every page of it also shows "n/m" at the bottom right.
    std::string footer;
};

// Renders the letters, each starting on a new A4 page, and returns the bytes of one PDF (a batch for all parents is
// one PDF, one page per letter, in the order given). The sender and recipient blocks are on the first page of each
// letter only. Text wraps within the margins (Pango layout, DejaVu Sans); a paragraph too long for the rest of the
// page continues on the next page of the same letter rather than being cut (at least two of its lines stay on each
// page when it has four or more), and a title stays on the page of what follows it. The PDF embeds font subsets
// with their Unicode mapping, so text extraction (pdftotext) gives back the printed text; it contains no image, and
// its metadata carry the title "Clé enfance" and the creator "Guichet".
//
// Each call has its own cairo surface and Pango context (Pango's default font map is per thread), so calls on
// different threads do not interfere.
//
// Throws std::invalid_argument if `letters` is empty (an empty batch is a caller bug, and a PDF without pages is not
// a valid document), and std::runtime_error if cairo fails (the message names cairo's status).
[[nodiscard]] std::string render_key_letters(const std::vector<KeyLetter>& letters);

// The same document written letter by letter to a stream, for batches of any size (a town's 20,000 letters): each
// page goes to `out` as soon as it is drawn, and nothing of a letter stays in memory once the next one starts, so the
// memory used does not grow with the batch (cairo keeps only the list of pages and the glyphs used until finish()).
// The bytes are those render_key_letters gives for the same letters.
//
//     print::KeyLetterWriter writer(file);
//     for (…each chunk…) for (const auto& letter : chunk) writer.add(letter);
//     writer.finish();
//
// One writer is used by one thread at a time. Throws std::runtime_error if cairo fails, including when `out` refuses
// the bytes (a full disk): the document is then unusable, and the caller deletes it.
class KeyLetterWriter {
  public:
    explicit KeyLetterWriter(std::ostream& out);
    // Abandons the document when finish() was not called: what was written is not a valid PDF.
    ~KeyLetterWriter();
    KeyLetterWriter(const KeyLetterWriter&) = delete;
    KeyLetterWriter& operator=(const KeyLetterWriter&) = delete;

    // Draws one more letter, starting on a new page.
    void add(const KeyLetter& letter);
    // Writes the end of the document (fonts, page tree, metadata) and flushes `out`. Throws std::invalid_argument
    // when no letter was added (a PDF without pages is not a valid document).
    void finish();

    [[nodiscard]] std::size_t letters() const { return m_letters; }

  private:
    struct Surface;

    std::unique_ptr<Surface> m_surface;
    std::size_t m_letters = 0;
    bool m_finished = false;
};

}  // namespace guichet::print
