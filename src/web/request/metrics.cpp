#include "web/request/metrics.h"

#include <fmt/format.h>

namespace guichet::web {
namespace {

// Label values are route names and methods chosen by the code, but escape them anyway as the format requires.
std::string escape_label(const std::string& value) {
    std::string escaped;
    for (char c : value) {
        if (c == '\\' || c == '"') {
            escaped.push_back('\\');
            escaped.push_back(c);
        } else if (c == '\n') {
            escaped.append("\\n");
        } else {
            escaped.push_back(c);
        }
    }
    return escaped;
}

}  // namespace

void Metrics::observe(const std::string& route, std::string_view method, int status,
                      std::chrono::nanoseconds duration) {
    const double seconds = std::chrono::duration<double>(duration).count();
    std::lock_guard lock(m_mutex);
    ++m_requests[{route, std::string(method), status}];
    Histogram& histogram = m_latency[route];
    for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
        if (seconds <= kBucketsSeconds[i]) {
            ++histogram.buckets[i];
        }
    }
    ++histogram.count;
    histogram.sum_seconds += seconds;
}

std::string Metrics::render_prometheus() const {
    std::string out;
    out += "# HELP guichet_http_requests_total HTTP requests answered, by route, method and status.\n";
    out += "# TYPE guichet_http_requests_total counter\n";
    std::lock_guard lock(m_mutex);
    for (const auto& [key, count] : m_requests) {
        const auto& [route, method, status] = key;
        out += fmt::format("guichet_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                           escape_label(route), escape_label(method), status, count);
    }
    out += "# HELP guichet_http_request_duration_seconds Time from request received to response ready, by route.\n";
    out += "# TYPE guichet_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : m_latency) {
        const std::string label = escape_label(route);
        for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
            out += fmt::format("guichet_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                               kBucketsSeconds[i], histogram.buckets[i]);
        }
        out += fmt::format("guichet_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label,
                           histogram.count);
        out +=
            fmt::format("guichet_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, histogram.sum_seconds);
        out += fmt::format("guichet_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, histogram.count);
    }
    out += "# HELP guichet_http_requests_in_flight Requests being handled right now.\n";
    out += "# TYPE guichet_http_requests_in_flight gauge\n";
    out += fmt::format("guichet_http_requests_in_flight {}\n", in_flight());
    return out;
}

}  // namespace guichet::web
