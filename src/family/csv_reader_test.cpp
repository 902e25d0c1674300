#include "family/csv_reader.h"

#include <gtest/gtest.h>

namespace guichet::family {
namespace {

TEST(CsvReader, ReadsQuotedFieldsSemicolonsAndLineNumbers) {
    const auto records = read_csv(
        "\xEF\xBB\xBF"
        "a;b;c\r\n1;\"x;y\";\"dit \"\"bonjour\"\"\"\n\n2;;\n",
        ';');
    ASSERT_TRUE(records.has_value()) << core::describe(records.error());
    ASSERT_EQ(records->size(), 3u);
    EXPECT_EQ((*records)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"1", "x;y", "dit \"bonjour\""}));
    EXPECT_EQ((*records)[1].line, 2u);
    EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"2", "", ""}));
    EXPECT_EQ((*records)[2].line, 4u) << "the blank line 3 is skipped but counted";
}

TEST(CsvReader, RefusesOtherEncodingsAndUnclosedQuotes) {
    EXPECT_EQ(read_csv("nom;pr\xE9nom\n", ';').error().key, "err_csv_encoding");  // Latin-1
    EXPECT_EQ(read_csv("a;\"b\n", ';').error().key, "err_csv_quotes");
}

}  // namespace
}  // namespace guichet::family
