#include "web/view/templates.h"

#include <gtest/gtest.h>

#include <thread>

namespace guichet::web {
namespace {

std::vector<EmbeddedFile> files(std::string_view source) {
    return {{"templates/page.mustache", source}};
}

TEST(Templates, ResolvesDottedNamesFromTheInnermostDataThatHasThem) {
    struct Case {
        const char* source;
        nlohmann::json data;
        const char* expected;
    };
    const Case cases[] = {
        {"{{form.values.email}}", {{"form", {{"values", {{"email", "a@b.fr"}}}}}}, "a@b.fr"},
        {"{{#children}}{{name}} {{/children}}", {{"children", {{{"name", "Rémi"}}, {{"name", "Léa"}}}}}, "Rémi Léa "},
        // Inside a section, a name the item lacks is found further out, dotted or not.
        {"{{#people}}{{name}}-{{commune.name}};{{/people}}",
         {{"people", {{{"name", "A"}}, {{"name", "B"}}}}, {"commune", {{"name", "Andrésy"}}}},
         "A-Andrésy;B-Andrésy;"},
        // An item whose "commune" has no "name" does not hide the outer one.
        {"{{#people}}{{commune.name}}{{/people}}",
         {{"people", {{{"commune", {{"slug", "x"}}}}}}, {"commune", {{"name", "Andrésy"}}}},
         "Andrésy"},
        {"{{#tags}}[{{.}}]{{/tags}}", {{"tags", {"a", "b"}}}, "[a][b]"},
        {"{{missing.value}}|{{a.b.c.d}}", {{"a", {{"b", {{"c", {{"d", "deep"}}}}}}}}, "|deep"},
        {"{{count}} {{#on}}yes{{/on}}{{^off}}no{{/off}}", {{"count", 3}, {"on", true}, {"off", false}}, "3 yesno"},
        {"{{text}}", {{"text", "<b>&\"'"}}, "&lt;b&gt;&amp;&quot;&apos;"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.source);
        const Templates templates(files(c.source));
        EXPECT_EQ(templates.render("page", c.data), c.expected);
    }
}

TEST(Templates, WriteTheCatalogueTextsInTheirLanguage) {
    const Templates templates(
        files("{{t.hello}} {{{t.raw}}} {{&t.raw}} {{ t.hello }} {{t.missing}}{{t.braces}} {{name}}"));
    const nlohmann::json french = {{"hello", "Bonjour <Marie> & “vous”"}, {"raw", "<b>"}, {"braces", "{{x}}"}};
    const nlohmann::json english = {{"hello", "Hello"}, {"raw", "<i>"}, {"braces", "{{x}}"}};
    EXPECT_EQ(templates.render("page", {{"name", "Marie"}}, french),
              "Bonjour &lt;Marie&gt; &amp; “vous” <b> <b> Bonjour &lt;Marie&gt; &amp; “vous” {{x}} Marie")
        << "escaped, raw, spaced; a missing key prints nothing, a text with braces is printed as text";
    EXPECT_EQ(templates.render("page", {{"name", "Mary"}}, english), "Hello <i> <i> Hello {{x}} Mary")
        << "each catalogue gets its own copy of the template";
    EXPECT_EQ(templates.render("page", {{"name", "Marie"}}, french).find("Hello"), std::string::npos);
}

TEST(Templates, RenderTheSameOnSeveralThreadsAtOnce) {
    const Templates templates(files("{{#items}}<li>{{label}}</li>{{/items}}"));
    nlohmann::json data = {{"items", nlohmann::json::array()}};
    for (int i = 0; i < 200; ++i) {
        data["items"].push_back({{"label", "item " + std::to_string(i)}});
    }
    const std::string expected = templates.render("page", data);
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&, i] {
            for (int round = 0; round < 20; ++round) {
                results[i] = templates.render("page", data);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto& result : results) {
        EXPECT_EQ(result, expected);
    }
    EXPECT_NE(expected.find("<li>item 199</li>"), std::string::npos);
}

}  // namespace
}  // namespace guichet::web
