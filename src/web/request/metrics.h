#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace guichet::web {

// Request counters and latency histograms per route, exposed in the Prometheus text format (version 0.0.4).
// Thread-safe. Routes are labelled by their name, never by raw path, so the number of series stays bounded.
class Metrics {
  public:
    static constexpr std::array<double, 12> kBucketsSeconds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                               0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    // Records one finished request.
    void observe(const std::string& route, std::string_view method, int status, std::chrono::nanoseconds duration);

    // Marks a request as started or finished; the difference is the in-flight gauge.
    void request_started() { m_in_flight.fetch_add(1, std::memory_order_relaxed); }
    void request_finished() { m_in_flight.fetch_sub(1, std::memory_order_relaxed); }
    [[nodiscard]] std::int64_t in_flight() const { return m_in_flight.load(std::memory_order_relaxed); }

    // Returns every series in the Prometheus text exposition format.
    [[nodiscard]] std::string render_prometheus() const;

  private:
    struct Histogram {
        std::array<std::uint64_t, kBucketsSeconds.size()> buckets{};
        std::uint64_t count = 0;
        double sum_seconds = 0;
    };

    mutable std::mutex m_mutex;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> m_requests;  // guarded by m_mutex
    std::map<std::string, Histogram> m_latency;                                     // guarded by m_mutex
    std::atomic<std::int64_t> m_in_flight{0};
};

}  // namespace guichet::web
