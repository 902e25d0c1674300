#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/http/http.h"

namespace guichet::web {

struct RequestContext;
using Handler = std::function<Response(RequestContext&)>;

// Who may use a route, declared with the route and checked by the pipeline before the handler runs, the same way
// for pages (sign-in page, 403 or 404 page) and JSON (401/403/404 with a stable code).
enum class Access {
    unset,        // refused when the route is added: every route says who may use it
    anyone,       // public pages, the sign-in and sign-up forms
    signed_in,    // any account of the commune
    parent,       // a parent's account (not staff)
    parent_of,    // a parent who represents the household named by a path parameter (Policy::owner)
    agent,        // staff of the commune: agents and admins
    admin,        // admins of the commune
    roll_takers,  // who takes a roll (pointage): agents, admins, and the site staff (whose sites the use case checks)
    ops,          // operations endpoints of the site anyone may probe (health, readiness)
    monitoring,   // what only the monitoring may read (metrics): configured addresses or bearer token
};

[[nodiscard]] std::string_view access_name(Access access);

struct Policy {
    Access access = Access::unset;
    // For parent_of: the path parameter that names what must belong to the parent ("household"); the check is
    // registered under that name (Router::add_owner_check).
    std::string owner;

    [[nodiscard]] static Policy anyone() { return {Access::anyone, {}}; }
    [[nodiscard]] static Policy signed_in() { return {Access::signed_in, {}}; }
    [[nodiscard]] static Policy parent() { return {Access::parent, {}}; }
    [[nodiscard]] static Policy parent_of(std::string parameter) { return {Access::parent_of, std::move(parameter)}; }
    [[nodiscard]] static Policy agent() { return {Access::agent, {}}; }
    [[nodiscard]] static Policy admin() { return {Access::admin, {}}; }
    [[nodiscard]] static Policy roll_takers() { return {Access::roll_takers, {}}; }
    [[nodiscard]] static Policy ops() { return {Access::ops, {}}; }
    [[nodiscard]] static Policy monitoring() { return {Access::monitoring, {}}; }

    // "parent_of(household)", "agent"…
    [[nodiscard]] std::string describe() const;
};

// Whether a route lives under a commune ("/{commune}/…": the commune is looked up, sessions and forms apply) or at the
// site's root (/healthz).
enum class Scope { site, commune };

// What a route answers: pages (errors are HTML pages, forms carry their CSRF token in a field) or JSON (errors are
// JSON objects with a stable code, the CSRF token comes in the X-CSRF-Token header).
enum class Format { html, json };

// Where a route's handler runs: on the thread that read the request, or on the bounded worker pool for work that is
// slow on purpose (password hashing), so that it never holds up the threads serving the network.
enum class Execution { network_thread, worker_pool };

// A route as a feature declares it.
struct RouteSpec {
    Method method = Method::get;
    std::string pattern;  // "/{commune}/ma-famille/enfants/{child}": literal segments and {name} captures
    std::string name;     // stable, unique: "family.child"; links are built from it (Router::url_for)
    Policy policy;
    Scope scope = Scope::commune;
    Format format = Format::html;
    Execution execution = Execution::network_thread;
    // Largest body this route accepts; 0: the application's default. Larger bodies get a 413.
    std::size_t max_body_bytes = 0;
    Handler handler;
};

// A route under /{commune}/ answering a page, on the network thread, with the application's body limit; the
// modifiers below change that.
[[nodiscard]] RouteSpec commune_route(Method method, std::string pattern, std::string name, Policy policy,
                                      Handler handler);
// A route of the site's root (no commune, no session).
[[nodiscard]] RouteSpec site_route(Method method, std::string pattern, std::string name, Policy policy,
                                   Handler handler);
// Runs the route's handler on the worker pool (it hashes a password).
[[nodiscard]] RouteSpec on_worker_pool(RouteSpec spec);
// The route answers JSON: errors and refusals are JSON objects, the CSRF token comes in a header.
[[nodiscard]] RouteSpec answering_json(RouteSpec spec);
// The route accepts bodies up to `bytes` (a file upload) instead of the application's default.
[[nodiscard]] RouteSpec with_body_limit(RouteSpec spec, std::size_t bytes);

struct Route {
    RouteSpec spec;
    std::vector<std::string> segments;  // the pattern split once, when the route is added
    int literals = 0;                   // literal segments: the more, the more specific

    [[nodiscard]] const std::string& name() const { return spec.name; }
};

// Values captured from a path pattern: for "/{commune}/" and "/chanteloup-les-vignes/", commune → the slug.
class RouteParams {
  public:
    void add(std::string name, std::string value) { m_values.emplace_back(std::move(name), std::move(value)); }
    // Returns the decoded value of the parameter, or an empty view when the pattern has no such name.
    [[nodiscard]] std::string_view get(std::string_view name) const;

  private:
    std::vector<std::pair<std::string, std::string>> m_values;
};

}  // namespace guichet::web
