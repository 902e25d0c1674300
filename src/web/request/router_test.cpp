#include "web/request/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "web/request/request_context.h"

namespace guichet::web {
namespace {

Handler named(const char* name) {
    return [name](RequestContext&) { return Response::text(200, name); };
}

Router make_router() {
    Router router;
    router.add(site_route(Method::get, "/healthz", "healthz", Policy::ops(), named("healthz")));
    router.add(commune_route(Method::get, "/{commune}/", "landing", Policy::anyone(), named("landing")));
    router.add(commune_route(Method::get, "/{commune}/accessibilite", "a11y", Policy::anyone(), named("a11y")));
    router.add(commune_route(Method::post, "/{commune}/connexion", "login", Policy::anyone(), named("login")));
    // Added before the literal route it overlaps: the more specific one must still win.
    router.add(commune_route(Method::get, "/{commune}/familles/{household}", "household", Policy::agent(),
                             named("household")));
    router.add(commune_route(Method::get, "/{commune}/familles/nouvelle", "new", Policy::agent(), named("new")));
    return router;
}

RouteMatch match(const Router& router, Method method, const char* path) {
    return router.match(method, *split_path(path));
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
        {Method::get, "/x/familles/nouvelle", MatchOutcome::found, "new", "x"},
        {Method::get, "/x/familles/12", MatchOutcome::found, "household", "x"},
        {Method::post, "/x/familles/12", MatchOutcome::method_not_allowed, "", ""},
    };
    for (const auto& c : cases) {
        const RouteMatch found = match(router, c.method, c.path);
        EXPECT_EQ(found.outcome, c.outcome) << c.path;
        if (found.outcome == MatchOutcome::found) {
            EXPECT_EQ(found.route->name(), c.route) << c.path;
            EXPECT_EQ(found.params.get("commune"), c.commune) << c.path;
        }
    }
}

TEST(Router, RefusesPathsThatDoNotDecode) {
    for (const char* path : {"//", "//evil.example/x", "/a//b", "/x/../healthz", "/%zz/", "/a%2Fb/", "relative"}) {
        EXPECT_FALSE(split_path(path).has_value()) << path;
    }
}

TEST(Router, BuildsPathsFromNamesWithEncodedParametersAndQuery) {
    const Router router = make_router();
    EXPECT_EQ(router.url_for("landing", {{"commune", "chanteloup-les-vignes"}}), "/chanteloup-les-vignes/");
    EXPECT_EQ(router.url_for("household", {{"commune", "x"}, {"household", "12"}}), "/x/familles/12");
    EXPECT_EQ(router.url_for("a11y", {{"commune", "caf\xC3\xA9"}}), "/caf%C3%A9/accessibilite");
    EXPECT_EQ(router.url_for("household", {{"commune", "x"}, {"household", "a/b c"}}), "/x/familles/a%2Fb%20c")
        << "a value never adds a segment";
    EXPECT_EQ(router.url_for("landing", {{"commune", "x"}}, {{"retour", "/x/a b?c=1&d"}}),
              "/x/?retour=/x/a%20b%3Fc%3D1%26d");
    // Every built path matches its own route back.
    const auto back =
        match(router, Method::get, router.url_for("household", {{"commune", "x"}, {"household", "7"}}).c_str());
    ASSERT_EQ(back.outcome, MatchOutcome::found);
    EXPECT_EQ(back.route->name(), "household");
    EXPECT_THROW((void)router.url_for("nowhere"), std::logic_error);
    EXPECT_THROW((void)router.url_for("household", {{"commune", "x"}}), std::logic_error) << "a parameter missing";
}

TEST(Router, RefusesARouteThatDoesNotSayWhoMayUseIt) {
    struct Case {
        const char* what;
        RouteSpec spec;
    };
    const Case cases[] = {
        {"no policy", commune_route(Method::get, "/{commune}/x", "x", Policy{}, named("x"))},
        {"no name", commune_route(Method::get, "/{commune}/x", "", Policy::anyone(), named("x"))},
        {"no handler", commune_route(Method::get, "/{commune}/x", "x", Policy::anyone(), Handler{})},
        {"a commune route outside /{commune}/", commune_route(Method::get, "/x", "x", Policy::anyone(), named("x"))},
        {"a site route under /{commune}/", site_route(Method::get, "/{commune}/x", "x", Policy::ops(), named("x"))},
        {"a session policy outside any commune", site_route(Method::get, "/x", "x", Policy::agent(), named("x"))},
        {"ops inside a commune", commune_route(Method::get, "/{commune}/x", "x", Policy::ops(), named("x"))},
        {"parent_of a parameter the pattern lacks",
         commune_route(Method::get, "/{commune}/x/{child}", "x", Policy::parent_of("household"), named("x"))},
        {"a name taken", commune_route(Method::get, "/{commune}/y", "landing", Policy::anyone(), named("y"))},
    };
    for (const auto& c : cases) {
        Router router = make_router();
        EXPECT_THROW(router.add(c.spec), std::logic_error) << c.what;
    }
}

TEST(Router, AParentOfPolicyNeedsItsOwnerCheck) {
    Router router;
    router.add(
        commune_route(Method::post, "/{commune}/foyer/{household}/x", "x", Policy::parent_of("household"), named("x")));
    EXPECT_THROW(router.check_complete(), std::logic_error);
    router.add_owner_check("household", [](const RequestContext&, long long) { return core::Result<bool>(true); });
    EXPECT_NO_THROW(router.check_complete());
    EXPECT_EQ(router.find("x")->spec.policy.describe(), "parent_of(household)");
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
