#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/http.h"

namespace guichet::web {

// Values captured from a path pattern: for "/{commune}/" and "/chanteloup-les-vignes/", commune → the slug.
class RouteParams {
  public:
    void add(std::string name, std::string value) { m_values.emplace_back(std::move(name), std::move(value)); }
    // Returns the decoded value of the parameter, or an empty view when the pattern has no such name.
    [[nodiscard]] std::string_view get(std::string_view name) const;

  private:
    std::vector<std::pair<std::string, std::string>> m_values;
};

struct RequestContext;
using Handler = std::function<Response(RequestContext&)>;

// Who may use a route. Checked before the handler runs: a visitor who is not signed in is sent to the sign-in page,
// a signed-in one without the role gets 403.
enum class Access { anyone, signed_in, parent, staff, admin };

// Where a route's handler runs: on the thread that read the request, or on the bounded worker pool for work that is
// slow on purpose (password hashing), so that it never holds up the threads serving the network.
enum class Execution { network_thread, worker_pool };

struct RouteOptions {
    Access access = Access::anyone;
    Execution execution = Execution::network_thread;
    // Largest body this route accepts; 0: the application's default. Larger bodies get a 413 page.
    std::size_t max_body_bytes = 0;
};

struct Route {
    Method method;
    std::string pattern;  // "/{commune}/accessibilite": literal segments and {name} captures
    std::string name;     // a stable label for metrics and logs: "commune.landing"
    Handler handler;
    std::vector<std::string> segments;  // the pattern split once, when the route is added
    RouteOptions options;
};

enum class MatchOutcome { found, method_not_allowed, not_found, bad_path };

struct RouteMatch {
    MatchOutcome outcome = MatchOutcome::not_found;
    const Route* route = nullptr;
    RouteParams params;
};

// Maps (method, path) to a route. Segments are compared after percent-decoding; a trailing slash is significant
// ("/x/" and "/x" are different paths). HEAD matches GET routes. Routes are tried in the order they were added.
class Router {
  public:
    void add(Method method, std::string pattern, std::string name, Handler handler, RouteOptions options = {});

    // Returns the route for this request path (still percent-encoded, without query). A path that does not decode
    // (bad escape, NUL byte, "..") is bad_path; a path that matches only with another method is method_not_allowed.
    [[nodiscard]] RouteMatch match(Method method, std::string_view path) const;

    [[nodiscard]] const std::vector<Route>& routes() const { return m_routes; }

  private:
    std::vector<Route> m_routes;
};

// Splits an encoded path into decoded segments ("/a/b/" → "a", "b", ""). Returns std::nullopt for a path that does
// not start with '/' or holds a malformed escape, a NUL byte, or a "." / ".." segment.
[[nodiscard]] std::optional<std::vector<std::string>> split_path(std::string_view path);

}  // namespace guichet::web
