#include "web/request/metrics.h"

#include <gtest/gtest.h>

namespace guichet::web {
namespace {

TEST(Metrics, CountsRequestsAndFillsCumulativeBuckets) {
    Metrics metrics;
    metrics.observe("commune.landing", "GET", 200, std::chrono::microseconds(800));
    metrics.observe("commune.landing", "GET", 200, std::chrono::milliseconds(30));
    metrics.observe("commune.landing", "GET", 404, std::chrono::milliseconds(3));
    metrics.request_started();
    const std::string text = metrics.render_prometheus();
    EXPECT_NE(text.find("guichet_http_requests_total{route=\"commune.landing\",method=\"GET\",status=\"200\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("guichet_http_requests_total{route=\"commune.landing\",method=\"GET\",status=\"404\"} 1\n"),
              std::string::npos);
    // 0.8 ms falls in le=0.001 and above; 3 ms from le=0.005; 30 ms from le=0.05.
    EXPECT_NE(text.find("_bucket{route=\"commune.landing\",le=\"0.001\"} 1\n"), std::string::npos) << text;
    EXPECT_NE(text.find("_bucket{route=\"commune.landing\",le=\"0.005\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("_bucket{route=\"commune.landing\",le=\"0.05\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("_bucket{route=\"commune.landing\",le=\"+Inf\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("guichet_http_request_duration_seconds_count{route=\"commune.landing\"} 3\n"),
              std::string::npos);
    EXPECT_NE(text.find("guichet_http_requests_in_flight 1\n"), std::string::npos);
}

}  // namespace
}  // namespace guichet::web
