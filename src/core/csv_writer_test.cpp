#include "core/csv_writer.h"

#include <gtest/gtest.h>

namespace guichet::core {
namespace {

TEST(CsvWriter, NeutralisesCellsThatCouldStartAFormulaAndQuotesWhatMustBe) {
    struct Case {
        std::string_view value;
        std::string_view written;
    };
    const Case cases[] = {
        {"", ""},
        {"Dupont", "Dupont"},
        {"Lef\xC3\xA8vre", "Lef\xC3\xA8vre"},
        {"=1+2", "'=1+2"},
        {"+33 6 12 34 56 78", "'+33 6 12 34 56 78"},
        {"-2+3", "'-2+3"},
        {"@SUM(A1:A2)", "'@SUM(A1:A2)"},
        {"\t=1+2", "'\t=1+2"},
        {"\r=1+2", "\"'\r=1+2\""},  // CR also needs quotes
        {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
        {"=HYPERLINK(\"http://exemple.invalid\";\"cliquez\")",
         "\"'=HYPERLINK(\"\"http://exemple.invalid\"\";\"\"cliquez\"\")\""},
        {"a;b", "\"a;b\""},
        {"dit \"bonjour\"", "\"dit \"\"bonjour\"\"\""},
        {"ligne 1\nligne 2", "\"ligne 1\nligne 2\""},
        {"a;=1+2", "\"a;=1+2\""},  // one cell, which starts with "a": no formula
        {"Marie-Claire", "Marie-Claire"},
        {"F000123", "F000123"},
        {"'=1", "'=1"},  // already an apostrophe: text as it is
    };
    for (const auto& c : cases) {
        EXPECT_EQ(csv_cell(c.value), c.written) << c.value;
    }
}

TEST(CsvWriter, StartsWithTheByteOrderMarkAndEndsEveryRowWithCrLf) {
    CsvWriter csv;
    csv.row(
        {"R\xC3\xA9"
         "f\xC3\xA9rence",
         "Nom"});
    csv.row(std::vector<std::string>{"F000001", "=1+2", ""});
    csv.row({});
    EXPECT_EQ(csv.text(),
              "\xEF\xBB\xBF"
              "R\xC3\xA9"
              "f\xC3\xA9rence;Nom\r\n"
              "F000001;'=1+2;\r\n"
              "\r\n");
    const std::string taken = csv.take();
    EXPECT_EQ(taken.rfind(kUtf8ByteOrderMark, 0), 0u);
}

}  // namespace
}  // namespace guichet::core
