#include "web/http/form.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

TEST(Form, ReadsTheFirstValueOrEveryValueOfAField) {
    const auto form = Form::parse("activite=tram&jour=2026-12-03&jour=2026-12-04&vide=&jour=2026-12-07");
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->get("activite"), "tram");
    EXPECT_EQ(form->get("jour"), "2026-12-03");
    EXPECT_EQ(form->get_all("jour"), (std::vector<std::string>{"2026-12-03", "2026-12-04", "2026-12-07"}));
    EXPECT_TRUE(form->get_all("absent").empty());
    EXPECT_TRUE(form->has("vide"));
    EXPECT_EQ(form->get_all("vide"), std::vector<std::string>{""});
}

TEST(Form, RefusesWhatIsNotAForm) {
    EXPECT_FALSE(Form::parse("jour=%zz").has_value());
    EXPECT_FALSE(Form::parse("a=b%00c").has_value());  // a NUL byte, which no field may hold
}

}  // namespace
}  // namespace guichet::web
