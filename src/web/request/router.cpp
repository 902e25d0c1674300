#include "web/request/router.h"

#include <stdexcept>

#include "web/http/url.h"

namespace guichet::web {
namespace {

bool is_capture(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string capture_name(const std::string& segment) {
    return segment.substr(1, segment.size() - 2);
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments, RouteParams& params) {
    if (pattern.size() != segments.size()) {
        return false;
    }
    RouteParams captured;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::string& part = pattern[i];
        if (is_capture(part)) {
            if (segments[i].empty()) {
                return false;
            }
            captured.add(capture_name(part), segments[i]);
        } else if (part != segments[i]) {
            return false;
        }
    }
    params = std::move(captured);
    return true;
}

// Percent-encodes a path segment: everything but RFC 3986 unreserved characters.
std::string encode_segment(std::string_view text) {
    std::string encoded = url_encode(text);
    std::string result;
    for (char c : encoded) {
        if (c == '/') {
            result += "%2F";
        } else {
            result.push_back(c);
        }
    }
    return result;
}

}  // namespace

std::string_view access_name(Access access) {
    switch (access) {
        case Access::unset:
            return "unset";
        case Access::anyone:
            return "anyone";
        case Access::signed_in:
            return "signed_in";
        case Access::parent:
            return "parent";
        case Access::parent_of:
            return "parent_of";
        case Access::agent:
            return "agent";
        case Access::admin:
            return "admin";
        case Access::roll_takers:
            return "roll_takers";
        case Access::ops:
            return "ops";
        case Access::monitoring:
            return "monitoring";
    }
    return "unset";
}

std::string Policy::describe() const {
    std::string text(access_name(access));
    if (access == Access::parent_of) {
        text += "(" + owner + ")";
    }
    return text;
}

RouteSpec commune_route(Method method, std::string pattern, std::string name, Policy policy, Handler handler) {
    return {method,
            std::move(pattern),
            std::move(name),
            std::move(policy),
            Scope::commune,
            Format::html,
            Execution::network_thread,
            0,
            std::move(handler)};
}

RouteSpec site_route(Method method, std::string pattern, std::string name, Policy policy, Handler handler) {
    return {method,
            std::move(pattern),
            std::move(name),
            std::move(policy),
            Scope::site,
            Format::html,
            Execution::network_thread,
            0,
            std::move(handler)};
}

RouteSpec on_worker_pool(RouteSpec spec) {
    spec.execution = Execution::worker_pool;
    return spec;
}

RouteSpec answering_json(RouteSpec spec) {
    spec.format = Format::json;
    return spec;
}

RouteSpec with_body_limit(RouteSpec spec, std::size_t bytes) {
    spec.max_body_bytes = bytes;
    return spec;
}

std::string_view RouteParams::get(std::string_view name) const {
    for (const auto& [key, value] : m_values) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

std::optional<std::vector<std::string>> split_path(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return std::nullopt;
    }
    std::vector<std::string> segments;
    path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        auto segment = percent_decode(path.substr(0, slash), false);
        if (!segment || *segment == "." || *segment == ".." || segment->find('/') != std::string::npos) {
            return std::nullopt;
        }
        const bool last = slash == std::string_view::npos;
        if (segment->empty() && !last) {
            return std::nullopt;  // "//x" or "/a//b": no page of the portal has an empty segment inside its path
        }
        segments.push_back(std::move(*segment));
        if (last) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return segments;
}

void Router::add(RouteSpec spec) {
    const std::string label = spec.name.empty() ? spec.pattern : spec.name;
    const auto refuse = [&label](const std::string& why) { throw std::logic_error("Route " + label + ": " + why); };
    if (spec.name.empty()) {
        refuse("it has no name");
    }
    if (m_by_name.count(spec.name) != 0) {
        refuse("its name is taken by another route");
    }
    if (spec.policy.access == Access::unset) {
        refuse("it declares no access policy");
    }
    if (!spec.handler) {
        refuse("it has no handler");
    }
    auto segments = split_path(spec.pattern);
    if (!segments) {
        refuse("its pattern " + spec.pattern + " is not a path");
    }
    const bool under_commune = !segments->empty() && segments->front() == "{commune}";
    if (under_commune != (spec.scope == Scope::commune)) {
        refuse("a commune route's pattern starts with /{commune}/, and only a commune route's does");
    }
    const bool operations = spec.policy.access == Access::ops || spec.policy.access == Access::monitoring;
    if (operations && spec.scope != Scope::site) {
        refuse("the ops and monitoring policies are for the site's operations endpoints, outside any commune");
    }
    if (spec.scope == Scope::site && !operations && spec.policy.access != Access::anyone) {
        refuse("outside a commune there is no session: the policy can only be anyone, ops or monitoring");
    }
    int literals = 0;
    bool owner_found = false;
    for (const auto& segment : *segments) {
        if (!is_capture(segment)) {
            ++literals;
        } else if (capture_name(segment) == spec.policy.owner) {
            owner_found = true;
        }
    }
    if (spec.policy.access == Access::parent_of && !owner_found) {
        refuse("its parent_of policy names " + spec.policy.owner + ", which its pattern does not capture");
    }
    m_by_name.emplace(spec.name, m_routes.size());
    m_routes.push_back({std::move(spec), std::move(*segments), literals});
}

void Router::add_owner_check(std::string parameter, OwnerCheck check) {
    m_owner_checks.insert_or_assign(std::move(parameter), std::move(check));
}

const OwnerCheck* Router::owner_check(std::string_view parameter) const {
    const auto it = m_owner_checks.find(parameter);
    return it == m_owner_checks.end() ? nullptr : &it->second;
}

void Router::check_complete() const {
    for (const Route& route : m_routes) {
        if (route.spec.policy.access == Access::parent_of && owner_check(route.spec.policy.owner) == nullptr) {
            throw std::logic_error("Route " + route.name() + ": no owner check is registered for " +
                                   route.spec.policy.owner);
        }
    }
}

RouteMatch Router::match(Method method, const std::vector<std::string>& segments) const {
    const Method wanted = method == Method::head ? Method::get : method;
    RouteMatch result;
    for (const Route& route : m_routes) {
        RouteParams params;
        if (!matches(route.segments, segments, params)) {
            continue;
        }
        if (route.spec.method != wanted) {
            if (result.outcome == MatchOutcome::not_found) {
                result.outcome = MatchOutcome::method_not_allowed;
            }
            continue;
        }
        if (result.route == nullptr || route.literals > result.route->literals) {
            result = {MatchOutcome::found, &route, std::move(params)};
        }
    }
    return result;
}

const Route* Router::find(std::string_view name) const {
    const auto it = m_by_name.find(name);
    return it == m_by_name.end() ? nullptr : &m_routes[it->second];
}

std::string Router::url_for(std::string_view name, const UrlParams& params, const UrlParams& query) const {
    const Route* route = find(name);
    if (route == nullptr) {
        throw std::logic_error("No route named " + std::string(name));
    }
    std::string path;
    for (const auto& segment : route->segments) {
        path += "/";
        if (!is_capture(segment)) {
            path += encode_segment(segment);
            continue;
        }
        const std::string wanted = capture_name(segment);
        const std::string* value = nullptr;
        for (const auto& [key, given] : params) {
            if (key == wanted) {
                value = &given;
            }
        }
        if (value == nullptr || value->empty()) {
            throw std::logic_error("Route " + std::string(name) + " needs the parameter " + wanted);
        }
        path += encode_segment(*value);
    }
    for (std::size_t i = 0; i < query.size(); ++i) {
        path += (i == 0 ? "?" : "&") + url_encode(query[i].first) + "=" + url_encode(query[i].second);
    }
    return path;
}

}  // namespace guichet::web
