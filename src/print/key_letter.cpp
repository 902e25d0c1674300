#include "print/key_letter.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace guichet::print {
namespace {

// Geometry, in PDF points (1/72 inch).
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 595.276;  // A4
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 20 * kMm;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kSenderWidth = 78 * kMm;
constexpr double kRecipientX = 100 * kMm;  // DL window envelope: window 100 mm from the left, …
constexpr double kRecipientY = 50 * kMm;   // … and its top about 50 mm below the top of the folded letter.
// The window shows the page from about 39 to 95 mm from the top, depending on where the folded letter sits in the
// envelope: only the address may be printed there, so the place and date go above it and the body below it.
constexpr double kPlaceAndDateY = 31 * kMm;
constexpr double kWindowBottom = 95 * kMm;
constexpr double kRecipientWidth = kPageWidth - kMargin - kRecipientX;
constexpr double kFooterBottom = kPageHeight - 12 * kMm;
constexpr double kStepIndent = 7 * kMm;
constexpr double kKeyPadding = 4 * kMm;
constexpr double kKeyLetterSpacing = 1.5;  // pt; more makes pdftotext see a space between the key's characters.

constexpr const char* kBodyFont = "DejaVu Sans 10";
constexpr const char* kBoldFont = "DejaVu Sans Bold 10";
constexpr const char* kCommuneFont = "DejaVu Sans Bold 13";
constexpr const char* kSenderFont = "DejaVu Sans 9";
constexpr const char* kKeyFont = "DejaVu Sans Mono Bold 20";
constexpr const char* kNoteFont = "DejaVu Sans 9";
constexpr const char* kFooterFont = "DejaVu Sans 7.5";

struct Grey {
    double level;
};
constexpr Grey kInk{0.1};
constexpr Grey kSenderInk{0.3};
constexpr Grey kFooterInk{0.45};
constexpr Grey kKeyBoxFill{0.94};
constexpr Grey kKeyBoxBorder{0.55};

struct GObjectUnref {
    void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;

struct SurfaceDestroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct FontDescriptionFree {
    void operator()(PangoFontDescription* description) const { pango_font_description_free(description); }
};
struct AttrListUnref {
    void operator()(PangoAttrList* list) const { pango_attr_list_unref(list); }
};

[[noreturn]] void throw_cairo(std::string_view what, cairo_status_t status) {
    throw std::runtime_error("cairo: " + std::string(what) + ": " + cairo_status_to_string(status));
}

void check(cairo_t* cr, std::string_view what) {
    if (const cairo_status_t status = cairo_status(cr); status != CAIRO_STATUS_SUCCESS) {
        throw_cairo(what, status);
    }
}

// cairo's write callback: writes the PDF bytes to the std::ostream the closure points to, or drops them once it
// points to none (an abandoned document, which cairo still ends when its surface is destroyed). No exception may
// cross cairo's C frames, so a failed write (or allocation) becomes a write error, which the caller turns into
// std::runtime_error.
cairo_status_t write_to_stream(void* closure, const unsigned char* data, unsigned int length) noexcept {
    try {
        std::ostream* out = *static_cast<std::ostream**>(closure);
        if (out == nullptr) {
            return CAIRO_STATUS_SUCCESS;
        }
        out->write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(length));
        return *out ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
}

double to_points(int pango_units) {
    return static_cast<double>(pango_units) / PANGO_SCALE;
}

int to_pango(double points) {
    return static_cast<int>(points * PANGO_SCALE + 0.5);
}

// Returns text Pango accepts: one bad name must not stop a whole batch (Pango refuses the text, and cairo then fails
// the whole document), so invalid UTF-8 and control characters become U+FFFD. A line feed (or CR LF) stays a line
// break, and a tab becomes a space.
std::string printable(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        std::string line(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end != std::string_view::npos && !line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        std::replace(line.begin(), line.end(), '\t', ' ');
        out += core::sanitize_utf8(line, line.size());
        if (end == std::string_view::npos) {
            return out;
        }
        out += '\n';
        start = end + 1;
    }
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string joined;
    for (const auto& line : lines) {
        if (!joined.empty()) {
            joined += '\n';
        }
        joined += line;
    }
    return joined;
}

struct TextStyle {
    const char* font = kBodyFont;
    double width = kTextWidth;
    PangoAlignment alignment = PANGO_ALIGN_LEFT;
    bool justify = false;
    double line_spacing = 0;    // factor of the font's height; 0 keeps the font's own spacing
    double letter_spacing = 0;  // pt
};

LayoutPtr make_layout(PangoContext* context, const std::string& text, const TextStyle& style) {
    LayoutPtr layout(pango_layout_new(context));
    std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(pango_font_description_from_string(style.font));
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), to_pango(style.width));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.alignment);
    pango_layout_set_justify(layout.get(), style.justify ? TRUE : FALSE);
#if PANGO_VERSION_CHECK(1, 44, 0)
    if (style.line_spacing > 0) {
        pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.line_spacing));
    }
#endif
    if (style.letter_spacing > 0) {
        std::unique_ptr<PangoAttrList, AttrListUnref> attributes(pango_attr_list_new());
        pango_attr_list_insert(attributes.get(), pango_attr_letter_spacing_new(to_pango(style.letter_spacing)));
        pango_layout_set_attributes(layout.get(), attributes.get());
    }
    const std::string clean = printable(text);
    pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
    return layout;
}

// One line of a layout, in the layout's own coordinates (pt): the band it occupies vertically (line spacing
// included), its baseline, and where its left edge is (alignment included).
struct Line {
    double top = 0;
    double bottom = 0;
    double baseline = 0;
    double x = 0;
};

std::vector<Line> measure_lines(PangoLayout* layout) {
    std::vector<Line> lines;
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
        int top = 0;
        int bottom = 0;
        pango_layout_iter_get_line_yrange(iter, &top, &bottom);
        PangoRectangle logical{};
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        lines.push_back(Line{to_points(top), to_points(bottom), to_points(pango_layout_iter_get_baseline(iter)),
                             to_points(logical.x)});
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return lines;
}

// A piece of the letter: a text layout drawn line by line (so that it can be split between pages), or the framed key.
struct Block {
    LayoutPtr layout;
    LayoutPtr marker;  // a step's number, drawn in the indent next to the first line
    double x = kMargin;
    double marker_x = kMargin;
    double space_before = 0;
    bool splittable = false;      // may be split between pages (only when it has four lines or more)
    bool keep_with_next = false;  // must start on the page where the next block starts
    bool key_box = false;         // the layout is drawn in a framed box; the block is one unit of height
    Grey ink = kInk;
    std::vector<Line> lines;  // for the key box: one "line" covering the box

    [[nodiscard]] bool atomic() const { return !splittable || lines.size() < 4; }
    [[nodiscard]] double height() const { return lines.back().bottom - lines.front().top; }
    [[nodiscard]] double height(std::size_t first, std::size_t end) const {
        return lines[end - 1].bottom - lines[first].top;
    }
};

Block text_block(PangoContext* context, const std::string& text, const TextStyle& style, double x,
                 double space_before) {
    Block block;
    block.layout = make_layout(context, text, style);
    block.x = x;
    block.space_before = space_before;
    block.lines = measure_lines(block.layout.get());
    return block;
}

Block key_block(PangoContext* context, const std::string& key) {
    TextStyle style;
    style.font = kKeyFont;
    style.width = kTextWidth - 2 * kKeyPadding;
    style.alignment = PANGO_ALIGN_CENTER;
    style.letter_spacing = kKeyLetterSpacing;
    Block block;
    block.layout = make_layout(context, key, style);
    block.x = kMargin + kKeyPadding;
    block.space_before = 2 * kMm;
    block.key_box = true;
    block.keep_with_next = true;
    int height = 0;
    pango_layout_get_size(block.layout.get(), nullptr, &height);
    block.lines.push_back(Line{0, to_points(height) + 2 * kKeyPadding, 0, 0});
    return block;
}

// Where a run of a block's lines goes on a page.
struct Placement {
    const Block* block = nullptr;
    std::size_t first = 0;
    std::size_t end = 0;
    double top = 0;
};
using Page = std::vector<Placement>;

// Everything about one letter once laid out: its blocks and which lines of them go where on which page.
struct LaidOutLetter {
    std::vector<Block> header;
    std::vector<Block> body;
    LayoutPtr footer;
    double footer_top = kFooterBottom;
    std::vector<Page> pages;
};

// The height that must fit after block i for it to keep with the next one: the next block's space and its first
// unit (the whole block when it may not be split, two lines otherwise), and so on along a chain of blocks that keep
// with their next.
double following_height(const std::vector<Block>& body, std::size_t i) {
    if (!body[i].keep_with_next || i + 1 >= body.size()) {
        return 0;
    }
    const Block& next = body[i + 1];
    if (next.atomic()) {
        return next.space_before + next.height() + following_height(body, i + 1);
    }
    return next.space_before + next.height(0, 2);
}

// Distributes the body blocks on pages: the first starts at first_y on the letter's first page, and nothing goes
// below `bottom`. A block that does not fit on the rest of a page goes to the next page whole (when it may not be
// split) or continues there (when it may, keeping at least two lines on each page). A block that does not fit even
// on an empty page is split wherever it must.
std::vector<Page> paginate(const std::vector<Block>& body, double first_y, double bottom) {
    std::vector<Page> pages(1);
    double y = first_y;
    bool empty_page = false;  // a continuation page with nothing on it yet (the first page has the header)
    const auto new_page = [&] {
        pages.emplace_back();
        y = kMargin;
        empty_page = true;
    };
    for (std::size_t i = 0; i < body.size(); ++i) {
        const Block& block = body[i];
        const std::size_t count = block.lines.size();
        std::size_t next = 0;
        while (next < count) {
            const double start = (next == 0 && !empty_page) ? y + block.space_before : y;
            std::size_t fit = 0;
            while (next + fit < count && start + block.height(next, next + fit + 1) <= bottom) {
                ++fit;
            }
            const std::size_t remaining = count - next;
            std::size_t take = 0;
            if (fit == remaining) {
                take = remaining;
                if (block.atomic() && !empty_page && start + block.height() + following_height(body, i) > bottom) {
                    take = 0;  // the block fits but what must stay with it does not
                }
            } else if (!block.atomic()) {
                take = fit;
                if (remaining - take < 2) {
                    take = remaining >= 2 ? remaining - 2 : 0;  // no single line alone at the top of the next page
                }
                if (next == 0 && take < 2) {
                    take = 0;  // no single line alone at the bottom of this page
                }
            }
            if (take == 0 && empty_page) {
                take = std::max<std::size_t>(fit, 1);  // an empty page cannot do better
            }
            if (take == 0) {
                new_page();
                continue;
            }
            pages.back().push_back(Placement{&block, next, next + take, start});
            y = start + block.height(next, next + take);
            empty_page = false;
            next += take;
            if (next < count) {
                new_page();
            }
        }
    }
    return pages;
}

LaidOutLetter lay_out(PangoContext* context, const KeyLetter& letter) {
    LaidOutLetter out;

    // Header, first page only: sender top left, recipient in the envelope window, place and date above it.
    out.header.reserve(4);
    std::vector<double> header_tops;
    const auto add_header = [&](const std::string& text, const TextStyle& style, double x, double top) -> Block& {
        out.header.push_back(text_block(context, text, style, x, 0));
        header_tops.push_back(top);
        return out.header.back();
    };
    double sender_bottom = kMargin;
    if (!letter.commune_name.empty()) {
        sender_bottom += add_header(letter.commune_name, {kCommuneFont, kSenderWidth}, kMargin, kMargin).height();
    }
    if (!letter.sender_lines.empty()) {
        const double top = letter.commune_name.empty() ? kMargin : sender_bottom + 1 * kMm;
        Block& sender = add_header(join_lines(letter.sender_lines), {kSenderFont, kSenderWidth}, kMargin, top);
        sender.ink = kSenderInk;
        sender_bottom = top + sender.height();
    }
    double right_bottom = kRecipientY;
    if (!letter.recipient_lines.empty()) {
        right_bottom +=
            add_header(join_lines(letter.recipient_lines), {kBodyFont, kRecipientWidth}, kRecipientX, kRecipientY)
                .height();
    }
    if (!letter.place_and_date.empty()) {
        add_header(letter.place_and_date, {kBodyFont, kRecipientWidth}, kRecipientX, kPlaceAndDateY);
    }
    const double body_top = std::max({sender_bottom + 10 * kMm, right_bottom + 10 * kMm, kWindowBottom});

    // Body.
    const TextStyle paragraph{kBodyFont, kTextWidth, PANGO_ALIGN_LEFT, true, 1.15, 0};
    const TextStyle bold{kBoldFont, kTextWidth, PANGO_ALIGN_LEFT, false, 1.15, 0};
    const auto add = [&](const std::string& text, const TextStyle& style, double space_before) -> Block* {
        if (text.empty()) {
            return nullptr;
        }
        out.body.push_back(text_block(context, text, style, kMargin, space_before));
        return &out.body.back();
    };
    out.body.reserve(16 + letter.paragraphs.size() + letter.steps.size() + letter.closing_paragraphs.size());

    if (Block* subject = add(letter.subject, bold, 0)) {
        subject->keep_with_next = true;
    }
    if (Block* salutation = add(letter.salutation, paragraph, 5 * kMm)) {
        salutation->keep_with_next = true;
    }
    for (const auto& text : letter.paragraphs) {
        if (Block* block = add(text, paragraph, 3 * kMm)) {
            block->splittable = true;
        }
    }
    if (Block* label = add(letter.key_label, bold, 4.5 * kMm)) {
        label->keep_with_next = !letter.key.empty() || !letter.key_note.empty();
    }
    if (!letter.key.empty()) {
        out.body.push_back(key_block(context, letter.key));
        out.body.back().keep_with_next = !letter.key_note.empty();
    }
    add(letter.key_note, {kNoteFont, kTextWidth, PANGO_ALIGN_CENTER, false, 1.15, 0}, 2 * kMm);

    if (Block* title = add(letter.steps_title, bold, 6 * kMm)) {
        title->keep_with_next = true;
    }
    const TextStyle step_style{kBodyFont, kTextWidth - kStepIndent, PANGO_ALIGN_LEFT, false, 1.15, 0};
    for (std::size_t k = 0; k < letter.steps.size(); ++k) {
        if (Block* step = add(letter.steps[k], step_style, 1.5 * kMm)) {
            step->x = kMargin + kStepIndent;
            step->splittable = true;
            step->marker = make_layout(context, std::to_string(k + 1) + ".", {kBodyFont, kStepIndent});
            step->marker_x = kMargin + 1 * kMm;
        }
    }
    if (Block* url = add(letter.portal_url, {kBoldFont, kTextWidth - kStepIndent}, 3 * kMm)) {
        url->x = kMargin + kStepIndent;
    }
    for (std::size_t k = 0; k < letter.closing_paragraphs.size(); ++k) {
        if (Block* block = add(letter.closing_paragraphs[k], paragraph, (k == 0 ? 6 : 2.5) * kMm)) {
            block->splittable = true;
        }
    }
    if (Block* signature = add(letter.signature, {kBodyFont, kRecipientWidth}, 8 * kMm)) {
        signature->x = kRecipientX;
    }
    if (!out.body.empty()) {
        out.body.front().space_before = 0;  // body_top already leaves the room under the header
    }

    // Footer, on every page; the room above it is kept for the page number.
    if (!letter.footer.empty()) {
        out.footer = make_layout(context, letter.footer, {kFooterFont, kTextWidth, PANGO_ALIGN_CENTER});
        int height = 0;
        pango_layout_get_size(out.footer.get(), nullptr, &height);
        out.footer_top = kFooterBottom - to_points(height);
    }
    const LayoutPtr probe = make_layout(context, "1/1", {kFooterFont, kTextWidth});
    int number_height = 0;
    pango_layout_get_size(probe.get(), nullptr, &number_height);
    const double body_bottom = out.footer_top - 1 * kMm - to_points(number_height) - 5 * kMm;

    out.pages = paginate(out.body, body_top, body_bottom);
    Page& first = out.pages.front();
    for (std::size_t k = 0; k < out.header.size(); ++k) {
        const Block& block = out.header[k];
        first.insert(first.begin() + static_cast<std::ptrdiff_t>(k),
                     Placement{&block, 0, block.lines.size(), header_tops[k]});
    }
    return out;
}

void set_grey(cairo_t* cr, Grey grey) {
    cairo_set_source_rgb(cr, grey.level, grey.level, grey.level);
}

void draw_placement(cairo_t* cr, const Placement& placement) {
    const Block& block = *placement.block;
    if (block.key_box) {
        cairo_rectangle(cr, kMargin, placement.top, kTextWidth, block.height());
        set_grey(cr, kKeyBoxFill);
        cairo_fill_preserve(cr);
        set_grey(cr, kKeyBoxBorder);
        cairo_set_line_width(cr, 0.75);
        cairo_stroke(cr);
        set_grey(cr, kInk);
        cairo_move_to(cr, block.x, placement.top + kKeyPadding);
        pango_cairo_show_layout(cr, block.layout.get());
        return;
    }
    set_grey(cr, block.ink);
    const double origin = placement.top - block.lines[placement.first].top;  // page y of the layout's top
    for (std::size_t i = placement.first; i < placement.end; ++i) {
        const Line& line = block.lines[i];
        cairo_move_to(cr, block.x + line.x, origin + line.baseline);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(block.layout.get(), static_cast<int>(i)));
    }
    if (block.marker && placement.first == 0) {
        cairo_move_to(cr, block.marker_x, origin + block.lines.front().baseline);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(block.marker.get(), 0));
    }
}

void draw_letter(cairo_t* cr, PangoContext* context, const LaidOutLetter& letter) {
    const std::size_t page_count = letter.pages.size();
    for (std::size_t p = 0; p < page_count; ++p) {
        for (const Placement& placement : letter.pages[p]) {
            draw_placement(cr, placement);
        }
        set_grey(cr, kFooterInk);
        if (letter.footer) {
            cairo_move_to(cr, kMargin, letter.footer_top);
            pango_cairo_show_layout(cr, letter.footer.get());
        }
        if (page_count > 1) {
            const LayoutPtr number = make_layout(context, std::to_string(p + 1) + "/" + std::to_string(page_count),
                                                 {kFooterFont, kTextWidth, PANGO_ALIGN_RIGHT});
            int height = 0;
            pango_layout_get_size(number.get(), nullptr, &height);
            cairo_move_to(cr, kMargin, letter.footer_top - 1 * kMm - to_points(height));
            pango_cairo_show_layout(cr, number.get());
        }
        cairo_show_page(cr);
        check(cr, "drawing a page");
    }
}

}  // namespace

// The PDF surface and what draws on it, for the life of one document.
struct KeyLetterWriter::Surface {
    std::ostream* out = nullptr;  // first: it outlives the surface, which may still write when destroyed
    std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface;
    std::unique_ptr<cairo_t, CairoDestroy> cr;
    ContextPtr context;
};

KeyLetterWriter::KeyLetterWriter(std::ostream& out) : m_surface(std::make_unique<Surface>()) {
    m_surface->out = &out;
    m_surface->surface.reset(
        cairo_pdf_surface_create_for_stream(write_to_stream, &m_surface->out, kPageWidth, kPageHeight));
    if (const cairo_status_t status = cairo_surface_status(m_surface->surface.get()); status != CAIRO_STATUS_SUCCESS) {
        throw_cairo("creating the PDF surface", status);
    }
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    cairo_pdf_surface_set_metadata(m_surface->surface.get(), CAIRO_PDF_METADATA_TITLE, "Cl\xC3\xA9 enfance");
    cairo_pdf_surface_set_metadata(m_surface->surface.get(), CAIRO_PDF_METADATA_CREATOR, "Guichet");
#endif
    m_surface->cr.reset(cairo_create(m_surface->surface.get()));
    check(m_surface->cr.get(), "creating the drawing context");
    // A context of our own, rather than pango_cairo_create_layout() per text, so that every layout shares it.
    m_surface->context.reset(pango_font_map_create_context(pango_cairo_font_map_get_default()));
    pango_cairo_update_context(m_surface->cr.get(), m_surface->context.get());
    // Font sizes are in points and the PDF's unit is the point; Pango's default of 96 dpi would print "10" as
    // 13.3 pt.
    pango_cairo_context_set_resolution(m_surface->context.get(), 72.0);
}

KeyLetterWriter::~KeyLetterWriter() {
    if (!m_finished) {
        m_surface->out = nullptr;
    }
}

void KeyLetterWriter::add(const KeyLetter& letter) {
    if (m_finished) {
        throw std::logic_error("KeyLetterWriter: a letter added after finish()");
    }
    const LaidOutLetter laid_out = lay_out(m_surface->context.get(), letter);
    draw_letter(m_surface->cr.get(), m_surface->context.get(), laid_out);
    ++m_letters;
}

void KeyLetterWriter::finish() {
    if (m_letters == 0) {
        throw std::invalid_argument("KeyLetterWriter: no letter to render");
    }
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_surface->context.reset();
    m_surface->cr.reset();
    cairo_surface_finish(m_surface->surface.get());
    if (const cairo_status_t status = cairo_surface_status(m_surface->surface.get()); status != CAIRO_STATUS_SUCCESS) {
        throw_cairo("writing the PDF", status);
    }
    m_surface->out->flush();
}

std::string render_key_letters(const std::vector<KeyLetter>& letters) {
    if (letters.empty()) {
        throw std::invalid_argument("render_key_letters: no letter to render");
    }
    std::ostringstream pdf;
    KeyLetterWriter writer(pdf);
    for (const KeyLetter& letter : letters) {
        writer.add(letter);
    }
    writer.finish();
    return std::move(pdf).str();
}

}  // namespace guichet::print
