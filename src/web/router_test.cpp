#include "web/router.h"

#include <gtest/gtest.h>

#include "web/request_context.h"

namespace guichet::web {
namespace {

Response named(const char* name) {
    return Response::text(200, name);
}

Router make_router() {
    Router router;
    router.add(Method::get, "/healthz", "healthz", [](RequestContext&) { return named("healthz"); });
    router.add(Method::get, "/{commune}/", "landing", [](RequestContext&) { return named("landing"); });
    router.add(Method::get, "/{commune}/accessibilite", "a11y", [](RequestContext&) { return named("a11y"); });
    router.add(Method::post, "/{commune}/connexion", "login", [](RequestContext&) { return named("login"); });
    return router;
}

TEST(Router, MatchesLiteralAndCapturedSegments) {
    const Router router = make_router();
    struct Case {
        Method method;
        const char* path;
        MatchOutcome outcome;
        const char* route;
        const char* commune;
    };
    const Case cases[] = {
        {Method::get, "/healthz", MatchOutcome::found, "healthz", ""},
        {Method::head, "/healthz", MatchOutcome::found, "healthz", ""},
        {Method::get, "/chanteloup-les-vignes/", MatchOutcome::found, "landing", "chanteloup-les-vignes"},
        {Method::get, "/chanteloup-les-vignes", MatchOutcome::not_found, "", ""},
        {Method::get, "/caf%C3%A9/accessibilite", MatchOutcome::found, "a11y", "caf\xC3\xA9"},
        {Method::get, "/x/connexion", MatchOutcome::method_not_allowed, "", ""},
        {Method::post, "/x/connexion", MatchOutcome::found, "login", "x"},
        {Method::get, "//", MatchOutcome::bad_path, "", ""},
        {Method::get, "//evil.example/x", MatchOutcome::bad_path, "", ""},
        {Method::get, "/a//b", MatchOutcome::bad_path, "", ""},
        {Method::get, "/x/../healthz", MatchOutcome::bad_path, "", ""},
        {Method::get, "/%zz/", MatchOutcome::bad_path, "", ""},
        {Method::get, "/a%2Fb/", MatchOutcome::bad_path, "", ""},
        {Method::get, "relative", MatchOutcome::bad_path, "", ""},
    };
    for (const auto& c : cases) {
        const RouteMatch match = router.match(c.method, c.path);
        EXPECT_EQ(match.outcome, c.outcome) << c.path;
        if (match.outcome == MatchOutcome::found) {
            EXPECT_EQ(match.route->name, c.route) << c.path;
            EXPECT_EQ(match.params.get("commune"), c.commune) << c.path;
        }
    }
}

TEST(Headers, LineBreaksNeverReachTheWire) {
    Headers headers;
    headers.add("Location", "/a\r\nSet-Cookie: x=1");
    headers.set("X-Test\r\n", "ok");
    EXPECT_EQ(headers.find("Location"), "/aSet-Cookie: x=1");
    EXPECT_EQ(headers.find("X-Test"), "ok");
}

TEST(Router, SplitPathKeepsTheTrailingEmptySegment) {
    const auto segments = split_path("/a/b/");
    ASSERT_TRUE(segments.has_value());
    EXPECT_EQ(*segments, (std::vector<std::string>{"a", "b", ""}));
}

}  // namespace
}  // namespace guichet::web
