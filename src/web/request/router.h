#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "web/request/route.h"

namespace guichet::web {

enum class MatchOutcome { found, method_not_allowed, not_found };

struct RouteMatch {
    MatchOutcome outcome = MatchOutcome::not_found;
    const Route* route = nullptr;
    RouteParams params;
};

// The values a link fills into a route's pattern: {"child", "12"}. "commune" comes from the request when a page of a
// commune builds the link (RequestContext::url).
using UrlParams = std::vector<std::pair<std::string_view, std::string>>;

// Decides whether the signed-in account owns the resource a path parameter names (a parent_of policy): returns
// false for anything not his, of any commune.
struct RequestContext;
using OwnerCheck = std::function<core::Result<bool>(const RequestContext& context, long long id)>;

// Maps (method, path) to a route, and a route's name back to its path. Segments are compared after
// percent-decoding; a trailing slash is significant ("/x/" and "/x" are different paths); HEAD matches GET routes.
// When several patterns match, the one with the most literal segments wins ("/familles/nouvelle" over
// "/familles/{household}"), so the order in which features add their routes does not matter.
// Routes are added at start-up, then only read: reading is thread-safe.
class Router {
  public:
    // Adds a route. Throws std::logic_error, which stops the server at start-up, when the route has no name or a
    // name already taken, no access policy, a parent_of policy naming no parameter of its pattern, a scope that
    // does not agree with its pattern ("/{commune}/…" for commune routes only), or no handler.
    void add(RouteSpec spec);

    // Registers how a parent_of policy checks its parameter ("household").
    void add_owner_check(std::string parameter, OwnerCheck check);
    [[nodiscard]] const OwnerCheck* owner_check(std::string_view parameter) const;

    // Throws std::logic_error when a route's parent_of policy names a parameter without an owner check.
    void check_complete() const;

    // Returns the route for a path split by split_path.
    [[nodiscard]] RouteMatch match(Method method, const std::vector<std::string>& segments) const;

    // Returns the path of a route with its parameters filled in and percent-encoded, and the query after it
    // ("?jeton=…", encoded). Throws std::logic_error for an unknown name or a missing parameter: a link to nowhere
    // is a programming error, found by the first test that shows the page.
    [[nodiscard]] std::string url_for(std::string_view name, const UrlParams& params = {},
                                      const UrlParams& query = {}) const;

    [[nodiscard]] const Route* find(std::string_view name) const;
    [[nodiscard]] const std::vector<Route>& routes() const { return m_routes; }

  private:
    std::vector<Route> m_routes;
    std::map<std::string, std::size_t, std::less<>> m_by_name;
    std::map<std::string, OwnerCheck, std::less<>> m_owner_checks;
};

// Splits an encoded path into decoded segments ("/a/b/" → "a", "b", ""). Returns std::nullopt for a path that does
// not start with '/' or holds a malformed escape, a NUL byte, or a "." / ".." segment.
[[nodiscard]] std::optional<std::vector<std::string>> split_path(std::string_view path);

}  // namespace guichet::web
