#include "print/key_letter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

namespace guichet::print {
namespace {

KeyLetter sample_letter() {
    KeyLetter letter;
    letter.commune_name = "Chanteloup-les-Vignes";
    letter.sender_lines = {"Guichet unique", "Espace Victor Hugo \xE2\x80\xA2 18 avenue de Poissy",
                           "78570 Chanteloup-les-Vignes", "01 39 74 29 12",
                           "inscriptionenfance@chanteloup-les-vignes.fr"};
    letter.recipient_lines = {"Madame Marie DUPONT", "18 avenue de Poissy", "78570 Chanteloup-les-Vignes"};
    letter.place_and_date = "Chanteloup-les-Vignes, le 26/11/2026";
    letter.subject =
        "Objet : votre cl\xC3\xA9 enfance pour l\xE2\x80\x99"
        "Espace citoyens";
    letter.salutation = "Madame,";
    letter.paragraphs = {
        "La commune ouvre l\xE2\x80\x99"
        "Espace citoyens, o\xC3\xB9 vous pouvez inscrire vos enfants \xC3\xA0 la "
        "restauration scolaire et aux activit\xC3\xA9s du mercredi.",
        "Pour relier votre compte \xC3\xA0 votre dossier famille, utilisez la cl\xC3\xA9 ci-dessous."};
    letter.key_label = "Votre cl\xC3\xA9 enfance personnelle :";
    letter.key = "K7QM-3XH9-P2TD";
    letter.key_note =
        "Elle ne sert qu\xE2\x80\x99une fois ; elle est valable jusqu\xE2\x80\x99"
        "au 31/12/2026.";
    letter.steps_title = "Comment l\xE2\x80\x99utiliser ?";
    letter.steps = {
        "Cr\xC3\xA9"
        "ez votre compte sur l\xE2\x80\x99"
        "Espace citoyens.",
        "Dans \xC2\xAB Ma famille \xC2\xBB, saisissez la cl\xC3\xA9 ci-dessus."};
    letter.portal_url = "https://portail.example/chanteloup-les-vignes/";
    letter.closing_paragraphs = {"Le Guichet unique r\xC3\xA9pond \xC3\xA0 vos questions au 01 39 74 29 12."};
    letter.signature = "Le service Enfance";
    letter.footer = "Mairie de Chanteloup-les-Vignes \xE2\x80\xA2 78570 Chanteloup-les-Vignes";
    return letter;
}

KeyLetter second_letter() {
    KeyLetter letter = sample_letter();
    letter.recipient_lines = {"Monsieur Karim BENALI", "3 rue des Saules", "78570 Chanteloup-les-Vignes"};
    letter.salutation = "Monsieur,";
    letter.key = "ABCD-EFGH-JKMN";
    return letter;
}

// Returns the text with every run of white space (including the spaces pdftotext -layout adds to justified lines
// and the line breaks between wrapped lines) replaced by one space.
std::string squeeze_spaces(const std::string& text) {
    std::string squeezed;
    bool in_space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            in_space = true;
            continue;
        }
        if (in_space && !squeezed.empty()) {
            squeezed += ' ';
        }
        in_space = false;
        squeezed += c;
    }
    return squeezed;
}

// Returns the word printed just above the footer line of a page's squeezed text: the page number ("2/3") when the
// letter has several pages, the end of the signature otherwise.
std::string word_before_footer(const std::string& page_text) {
    const auto footer = page_text.rfind("Mairie de Chanteloup-les-Vignes");
    if (footer == std::string::npos || footer < 2) {
        return "";
    }
    const auto start = page_text.rfind(' ', footer - 2);
    return page_text.substr(start == std::string::npos ? 0 : start + 1,
                            footer - 1 - (start == std::string::npos ? 0 : start + 1));
}

// A PDF written to a temporary file for poppler's tools, removed when the object goes.
class PdfFile {
  public:
    explicit PdfFile(const std::string& bytes) {
        std::string pattern = (std::filesystem::temp_directory_path() / "guichet-print-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) {
            throw std::runtime_error("mkstemp failed");
        }
        ::close(fd);
        m_path = pattern;
        std::ofstream(m_path, std::ios::binary) << bytes;
    }
    ~PdfFile() {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    PdfFile(const PdfFile&) = delete;
    PdfFile& operator=(const PdfFile&) = delete;

    // Returns the standard output of `command <file> <trailing>`.
    [[nodiscard]] std::string run(const std::string& command, const std::string& trailing = "") const {
        const std::string line = command + " '" + m_path.string() + "' " + trailing + " 2>/dev/null";
        std::string output;
        FILE* pipe = ::popen(line.c_str(), "r");
        if (pipe == nullptr) {
            throw std::runtime_error("popen failed: " + line);
        }
        char buffer[4096];
        std::size_t read = 0;
        while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
            output.append(buffer, read);
        }
        const int status = ::pclose(pipe);
        if (status != 0) {
            throw std::runtime_error("command failed: " + line);
        }
        return output;
    }

  private:
    std::filesystem::path m_path;
};

bool have_poppler() {
    return ::access("/usr/bin/pdftotext", X_OK) == 0 && ::access("/usr/bin/pdfinfo", X_OK) == 0;
}

std::string extract_text(const std::string& pdf) {
    return PdfFile(pdf).run("/usr/bin/pdftotext -layout", "-");
}

// Returns the text of the pages from `first` to `last` (1-based, inclusive).
std::string extract_pages(const std::string& pdf, int first, int last) {
    return PdfFile(pdf).run("/usr/bin/pdftotext -layout -f " + std::to_string(first) + " -l " + std::to_string(last),
                            "-");
}

int page_count(const std::string& pdf) {
    const std::string info = PdfFile(pdf).run("/usr/bin/pdfinfo");
    const auto at = info.find("Pages:");
    if (at == std::string::npos) {
        throw std::runtime_error("pdfinfo gave no page count");
    }
    return std::stoi(info.substr(at + 6));
}

// Counts the page objects in the PDF itself ("/Type /Page", not "/Type /Pages"), without poppler.
int page_objects(const std::string& pdf) {
    int count = 0;
    const std::string marker = "/Type /Page";
    for (auto at = pdf.find(marker); at != std::string::npos; at = pdf.find(marker, at + 1)) {
        if (at + marker.size() >= pdf.size() || pdf[at + marker.size()] != 's') {
            ++count;
        }
    }
    return count;
}

TEST(KeyLetter, StartsWithThePdfSignatureAndHasOnePagePerLetter) {
    const std::string pdf = render_key_letters({sample_letter(), second_letter()});
    ASSERT_GE(pdf.size(), 5u);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_EQ(page_objects(pdf), 2);
    EXPECT_EQ(page_objects(render_key_letters({sample_letter()})), 1);
}

TEST(KeyLetter, TextRoundTripsThroughPdftotext) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    const std::string pdf = render_key_letters({sample_letter(), second_letter()});
    EXPECT_EQ(page_count(pdf), 2);
    const std::string raw = extract_text(pdf);
    const std::string text = squeeze_spaces(raw);

    EXPECT_NE(raw.find("K7QM-3XH9-P2TD"), std::string::npos) << raw;
    EXPECT_NE(raw.find("ABCD-EFGH-JKMN"), std::string::npos) << raw;
    EXPECT_NE(raw.find("https://portail.example/chanteloup-les-vignes/"), std::string::npos) << raw;
    EXPECT_NE(text.find("Chanteloup-les-Vignes"), std::string::npos);
    EXPECT_NE(text.find("Madame Marie DUPONT"), std::string::npos);
    EXPECT_NE(text.find("Monsieur Karim BENALI"), std::string::npos);
    EXPECT_NE(text.find("Espace Victor Hugo \xE2\x80\xA2 18 avenue de Poissy"), std::string::npos) << text;
    EXPECT_NE(text.find("votre cl\xC3\xA9 enfance pour l\xE2\x80\x99"
                        "Espace citoyens"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("aux activit\xC3\xA9s du mercredi"), std::string::npos) << text;
    EXPECT_NE(text.find("\xC2\xAB Ma famille \xC2\xBB"), std::string::npos) << text;
    EXPECT_NE(text.find("jusqu\xE2\x80\x99"
                        "au 31/12/2026"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Le service Enfance"), std::string::npos);
}

TEST(KeyLetter, EachLetterHasItsOwnPageInOrder) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    const std::string pdf = render_key_letters({sample_letter(), second_letter()});
    const std::string first = extract_pages(pdf, 1, 1);
    const std::string second = extract_pages(pdf, 2, 2);
    EXPECT_NE(first.find("K7QM-3XH9-P2TD"), std::string::npos);
    EXPECT_EQ(first.find("ABCD-EFGH-JKMN"), std::string::npos);
    EXPECT_NE(second.find("ABCD-EFGH-JKMN"), std::string::npos);
    EXPECT_NE(second.find("Monsieur Karim BENALI"), std::string::npos);
    EXPECT_EQ(second.find("Madame Marie DUPONT"), std::string::npos);
}

TEST(KeyLetter, LongLetterContinuesOnMorePagesWithoutLosingText) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    KeyLetter long_letter = second_letter();
    long_letter.paragraphs.clear();
    for (int i = 1; i <= 40; ++i) {
        long_letter.paragraphs.push_back("Paragraphe " + std::to_string(i) +
                                         " : les familles v\xC3\xA9rifient leur dossier (adresse, t\xC3\xA9l\xC3\xA9"
                                         "phones, personnes autoris\xC3\xA9"
                                         "es \xC3\xA0 venir chercher les enfants, "
                                         "allergies et r\xC3\xA9gimes alimentaires) avant la rentr\xC3\xA9"
                                         "e.");
    }
    long_letter.paragraphs.back() += " Fin du dernier paragraphe.";
    const std::string pdf = render_key_letters({sample_letter(), long_letter});
    const int pages = page_count(pdf);
    EXPECT_GT(pages, 2);  // the first letter takes one page, the long one more than one
    EXPECT_EQ(page_objects(pdf), pages);

    const std::string text = squeeze_spaces(extract_pages(pdf, 2, pages));
    EXPECT_NE(text.find("Paragraphe 1 :"), std::string::npos);
    EXPECT_NE(text.find("Paragraphe 40 :"), std::string::npos);
    EXPECT_NE(text.find("Fin du dernier paragraphe."), std::string::npos) << text;
    EXPECT_NE(text.find("ABCD-EFGH-JKMN"), std::string::npos);
    EXPECT_NE(text.find("Le service Enfance"), std::string::npos);
    // Every paragraph is there once, none cut or repeated at a page break.
    for (int i = 1; i <= 40; ++i) {
        const std::string start = "Paragraphe " + std::to_string(i) + " :";
        const auto at = text.find(start);
        ASSERT_NE(at, std::string::npos) << start;
        EXPECT_EQ(text.find(start, at + 1), std::string::npos) << start;
    }
    // A multi-page letter numbers its pages; the first letter fits one page and is not numbered.
    const int long_pages = pages - 1;
    for (int page = 1; page <= long_pages; ++page) {
        EXPECT_EQ(word_before_footer(squeeze_spaces(extract_pages(pdf, page + 1, page + 1))),
                  std::to_string(page) + "/" + std::to_string(long_pages));
    }
    EXPECT_EQ(word_before_footer(squeeze_spaces(extract_pages(pdf, 1, 1))), "Enfance");
}

TEST(KeyLetter, ParagraphLongerThanAPageIsSplitNotCut) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    KeyLetter letter = sample_letter();
    std::string huge;
    for (int i = 1; i <= 300; ++i) {
        huge += "mot" + std::to_string(i) + " ";
    }
    for (int i = 1; i <= 5; ++i) {
        huge += huge;  // 9 600 words: several pages
    }
    huge += "ultime.";
    letter.paragraphs = {huge};
    const std::string pdf = render_key_letters({letter});
    EXPECT_GT(page_count(pdf), 2);
    const std::string text = squeeze_spaces(extract_text(pdf));
    EXPECT_NE(text.find("mot300 ultime."), std::string::npos);
    EXPECT_NE(text.find("K7QM-3XH9-P2TD"), std::string::npos);
}

TEST(KeyLetter, MetadataNameTheDocument) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    const std::string info = PdfFile(render_key_letters({sample_letter()})).run("/usr/bin/pdfinfo");
    EXPECT_NE(info.find("Cl\xC3\xA9 enfance"), std::string::npos) << info;
    EXPECT_NE(info.find("Guichet"), std::string::npos) << info;
}

TEST(KeyLetter, TextIsNotMarkupAndEmptyFieldsAreLeftOut) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    KeyLetter letter;
    letter.recipient_lines = {"M. <b>Tom</b> & Cie"};
    letter.key = "ZZZZ-YYYY-XXXX";
    const std::string pdf = render_key_letters({letter});
    EXPECT_EQ(page_count(pdf), 1);
    const std::string text = squeeze_spaces(extract_text(pdf));
    EXPECT_NE(text.find("M. <b>Tom</b> & Cie"), std::string::npos) << text;
    EXPECT_NE(text.find("ZZZZ-YYYY-XXXX"), std::string::npos) << text;
}

TEST(KeyLetter, InvalidUtf8IsReplacedNotFatal) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    KeyLetter letter = sample_letter();
    letter.recipient_lines[0] = "Madame Marie DUP\xFFONT";
    letter.paragraphs = {
        "Avant\tla\x01"
        "coupure\r\nligne suivante \xC3"};
    std::string pdf;
    ASSERT_NO_THROW(pdf = render_key_letters({letter, second_letter()}));
    EXPECT_EQ(page_count(pdf), 2);
    const std::string text = squeeze_spaces(extract_text(pdf));
    EXPECT_NE(text.find("DUP\xEF\xBF\xBDONT"), std::string::npos) << text;
    EXPECT_NE(text.find("Avant la\xEF\xBF\xBD"
                        "coupure ligne suivante \xEF\xBF\xBD"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("ABCD-EFGH-JKMN"), std::string::npos);
}

// One word as pdftotext -bbox reports it, in points from the top left corner of its page.
struct Word {
    std::string text;
    double left = 0;
    double top = 0;
};

std::vector<Word> first_page_words(const std::string& pdf) {
    const std::string html = PdfFile(pdf).run("/usr/bin/pdftotext -bbox -f 1 -l 1", "-");
    std::vector<Word> words;
    const auto attribute = [&html](std::size_t from, const std::string& name) {
        const auto at = html.find(name + "=\"", from);
        return std::stod(html.substr(at + name.size() + 2));
    };
    for (auto at = html.find("<word "); at != std::string::npos; at = html.find("<word ", at + 1)) {
        const auto open_end = html.find('>', at);
        const auto close = html.find("</word>", open_end);
        words.push_back(
            Word{html.substr(open_end + 1, close - open_end - 1), attribute(at, "xMin"), attribute(at, "yMin")});
    }
    return words;
}

TEST(KeyLetter, AddressSitsInTheEnvelopeWindowAlone) {
    if (!have_poppler()) {
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    constexpr double mm = 72.0 / 25.4;
    const std::vector<Word> words = first_page_words(render_key_letters({sample_letter()}));
    ASSERT_FALSE(words.empty());
    bool found = false;
    for (const Word& word : words) {
        if (word.text == "Madame") {
            found = true;
            EXPECT_NEAR(word.left, 100 * mm, 1 * mm);
            EXPECT_GE(word.top, 45 * mm);
            EXPECT_LE(word.top, 60 * mm);
        }
        // The window shows the right half of the page from about 39 to 95 mm: only the address may be there.
        if (word.left >= 95 * mm && word.top > 39 * mm && word.top < 95 * mm) {
            EXPECT_TRUE(word.text == "Madame" || word.text == "Marie" || word.text == "DUPONT" || word.text == "18" ||
                        word.text == "avenue" || word.text == "de" || word.text == "Poissy" || word.text == "78570" ||
                        word.text == "Chanteloup-les-Vignes")
                << word.text << " at " << word.top / mm << " mm";
        }
        // Everything stays within the page's 20 mm side margins.
        EXPECT_GE(word.left, 20 * mm - 0.5) << word.text;
    }
    EXPECT_TRUE(found);
}

TEST(KeyLetter, OneLetterPdfIsSmall) {
    const std::string pdf = render_key_letters({sample_letter()});
    EXPECT_LT(pdf.size(), 100'000u);
}

TEST(KeyLetter, EmptyBatchIsRefused) {
    EXPECT_THROW((void)render_key_letters({}), std::invalid_argument);
}

// The PDF without its creation date, which is the only part that may differ between two renderings of the same
// letters (it changes with the second).
std::string without_creation_date(std::string pdf) {
    const auto at = pdf.find("/CreationDate (");
    if (at != std::string::npos) {
        pdf.erase(at, pdf.find(')', at) + 1 - at);
    }
    return pdf;
}

TEST(KeyLetter, RendersTheSameLettersOnSeveralThreadsAtOnce) {
    // Cairo, Pango and fontconfig keep caches shared by the process: four threads rendering at once must each get
    // exactly the document one thread alone gets, page for page and byte for byte.
    const std::vector<KeyLetter> letters = {sample_letter(), second_letter()};
    const std::string alone = render_key_letters(letters);
    const std::string expected = without_creation_date(alone);
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&results, &letters, i] { results[i] = render_key_letters(letters); });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(page_objects(alone), 2);
    for (const auto& pdf : results) {
        EXPECT_EQ(without_creation_date(pdf), expected);
    }
    if (have_poppler()) {
        EXPECT_EQ(extract_text(results.back()), extract_text(alone));
        EXPECT_NE(extract_text(alone).find(sample_letter().key), std::string::npos);
    }
}

// A stream that refuses every byte after the first `room`, as a full disk does.
class FullDisk final : public std::streambuf {
  public:
    explicit FullDisk(std::size_t room) : m_room(room) {}

  protected:
    std::streamsize xsputn(const char*, std::streamsize count) override {
        if (static_cast<std::size_t>(count) > m_room) {
            return 0;
        }
        m_room -= static_cast<std::size_t>(count);
        return count;
    }
    int_type overflow(int_type c) override { return xsputn(nullptr, 1) == 1 ? c : traits_type::eof(); }

  private:
    std::size_t m_room;
};

TEST(KeyLetterWriter, WritesTheDocumentRenderKeyLettersGivesLetterByLetter) {
    std::ostringstream out;
    KeyLetterWriter writer(out);
    writer.add(sample_letter());
    const std::size_t after_first = out.str().size();
    EXPECT_GT(after_first, 0u) << "the first page is written out before the document ends";
    writer.add(second_letter());
    EXPECT_GT(out.str().size(), after_first) << "and the second one as soon as it is drawn";
    writer.finish();
    EXPECT_EQ(writer.letters(), 2u);
    EXPECT_EQ(without_creation_date(out.str()),
              without_creation_date(render_key_letters({sample_letter(), second_letter()})));
    EXPECT_THROW(writer.add(sample_letter()), std::logic_error);
}

TEST(KeyLetterWriter, ManyLettersMakeOnePagePerLetterWithEachKeyInOrder) {
    std::ostringstream out;
    KeyLetterWriter writer(out);
    const int count = 60;
    for (int i = 0; i < count; ++i) {
        KeyLetter letter = (i % 2 == 0) ? sample_letter() : second_letter();
        letter.key = "ABCD-EFGH-" + std::string(1, "23456789"[i % 8]) + std::string(1, "ABCDEFGH"[i / 8]) + "JK";
        writer.add(letter);
    }
    writer.finish();
    const std::string pdf = out.str();
    EXPECT_EQ(page_objects(pdf), count);
    if (have_poppler()) {
        const std::string text = extract_text(pdf);
        std::size_t at = 0;
        for (int i = 0; i < count; ++i) {
            const std::string key =
                "ABCD-EFGH-" + std::string(1, "23456789"[i % 8]) + std::string(1, "ABCDEFGH"[i / 8]) + "JK";
            at = text.find(key, at);
            ASSERT_NE(at, std::string::npos) << "letter " << i << " (" << key << ") missing or out of order";
        }
    }
}

TEST(KeyLetterWriter, AFullDiskIsAnErrorNotAShortDocument) {
    FullDisk disk(2000);
    std::ostream out(&disk);
    EXPECT_THROW(
        {
            KeyLetterWriter writer(out);
            for (int i = 0; i < 20; ++i) {
                writer.add(sample_letter());
            }
            writer.finish();
        },
        std::runtime_error);
}

TEST(KeyLetterWriter, AnEmptyDocumentIsRefusedAndAnAbandonedOneWritesNoEnd) {
    std::ostringstream empty;
    KeyLetterWriter nothing(empty);
    EXPECT_THROW(nothing.finish(), std::invalid_argument);

    std::ostringstream abandoned;
    {
        KeyLetterWriter writer(abandoned);
        writer.add(sample_letter());
    }
    EXPECT_EQ(abandoned.str().find("%%EOF"), std::string::npos) << "no trailer: not mistaken for a whole document";
}

}  // namespace
}  // namespace guichet::print
