#include "web/router.h"

#include "web/url.h"

namespace guichet::web {
namespace {

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments, RouteParams& params) {
    if (pattern.size() != segments.size()) {
        return false;
    }
    RouteParams captured;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::string& part = pattern[i];
        if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
            if (segments[i].empty()) {
                return false;
            }
            captured.add(part.substr(1, part.size() - 2), segments[i]);
        } else if (part != segments[i]) {
            return false;
        }
    }
    params = std::move(captured);
    return true;
}

}  // namespace

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

void Router::add(Method method, std::string pattern, std::string name, Handler handler, RouteOptions options) {
    auto segments = split_path(pattern);
    m_routes.push_back({method, std::move(pattern), std::move(name), std::move(handler),
                        segments.value_or(std::vector<std::string>{}), options});
}

RouteMatch Router::match(Method method, std::string_view path) const {
    const auto segments = split_path(path);
    if (!segments) {
        return {MatchOutcome::bad_path, nullptr, {}};
    }
    const Method wanted = method == Method::head ? Method::get : method;
    RouteMatch result;
    for (const Route& route : m_routes) {
        RouteParams params;
        if (!matches(route.segments, *segments, params)) {
            continue;
        }
        if (route.method == wanted) {
            return {MatchOutcome::found, &route, std::move(params)};
        }
        result.outcome = MatchOutcome::method_not_allowed;
    }
    return result;
}

}  // namespace guichet::web
