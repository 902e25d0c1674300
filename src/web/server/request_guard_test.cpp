#include "web/server/request_guard.h"

#include <gtest/gtest.h>

#include <string>

namespace guichet::web::detail {
namespace {

Refusal feed(RequestGuard& guard, const std::string& bytes) {
    return guard.accept(bytes.data(), bytes.size());
}

Refusal verdict(const std::string& bytes, RequestLimits limits = {}) {
    RequestGuard guard(limits);
    return feed(guard, bytes);
}

std::string header_with(const std::string& fields) {
    return "GET / HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n";
}

TEST(RequestGuard, FollowsTheStagesOfPipelinedRequests) {
    RequestGuard guard(RequestLimits{});
    EXPECT_EQ(guard.stage(), Stage::between_requests);
    EXPECT_EQ(feed(guard, "\r\n"), Refusal::none);
    EXPECT_EQ(guard.requests_begun(), 0u) << "line breaks between requests are not a request";
    EXPECT_EQ(feed(guard, "POST /a HTTP/1.1\r\nHost: x\r\nContent-"), Refusal::none);
    EXPECT_EQ(guard.stage(), Stage::header);
    EXPECT_EQ(feed(guard, "Length: 4\r\n\r\nab"), Refusal::none);
    EXPECT_EQ(guard.stage(), Stage::body);
    EXPECT_EQ(feed(guard, "cdGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\n"), Refusal::none);
    EXPECT_EQ(guard.requests_begun(), 3u);
    EXPECT_EQ(guard.requests_complete(), 2u);
    EXPECT_EQ(guard.stage(), Stage::header);
    EXPECT_EQ(feed(guard, "\r\n"), Refusal::none);
    EXPECT_EQ(guard.stage(), Stage::between_requests);
    EXPECT_EQ(guard.requests_complete(), 3u);
}

TEST(RequestGuard, MalformedRequestsAreBadRequests) {
    EXPECT_EQ(verdict("GARBAGE\r\n\r\n"), Refusal::bad_request);
    EXPECT_EQ(verdict("GET / HTTP/9\r\n\r\n"), Refusal::bad_request);
    EXPECT_EQ(verdict("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03"), Refusal::bad_request);
    RequestGuard guard(RequestLimits{});
    EXPECT_EQ(feed(guard, "GARBAGE\r\n"), Refusal::bad_request);
    EXPECT_EQ(feed(guard, "GET / HTTP/1.1\r\n\r\n"), Refusal::bad_request) << "a refusal stays";
}

TEST(RequestGuard, HttpVersionsOtherThanOnePointZeroAndOneAreNotSupported) {
    EXPECT_EQ(verdict("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Refusal::none);
    EXPECT_EQ(verdict("GET / HTTP/1.0\r\n\r\n"), Refusal::none);
    EXPECT_EQ(verdict("GET / HTTP/9.9\r\nHost: x\r\n\r\n"), Refusal::version_not_supported);
    EXPECT_EQ(verdict("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), Refusal::version_not_supported);
    EXPECT_EQ(verdict("GET / HTTP/1.2\r\nHost: x\r\n\r\n"), Refusal::version_not_supported);
    EXPECT_EQ(verdict("GET / HTTP/0.9\r\nHost: x\r\n\r\n"), Refusal::version_not_supported);
}

TEST(RequestGuard, AUrlOverTheLimitIsTooLongEvenInPieces) {
    const RequestLimits limits{.max_url_bytes = 16};
    EXPECT_EQ(verdict("GET /" + std::string(15, 'a') + " HTTP/1.1\r\n\r\n", limits), Refusal::none);
    EXPECT_EQ(verdict("GET /" + std::string(16, 'a') + " HTTP/1.1\r\n\r\n", limits), Refusal::uri_too_long);
    RequestGuard guard(limits);
    EXPECT_EQ(feed(guard, "GET /aaaaaaaa"), Refusal::none);
    EXPECT_EQ(feed(guard, "aaaaaaaaa"), Refusal::uri_too_long);
}

TEST(RequestGuard, HeaderFieldsOverTheLimitsAreTooLarge) {
    const RequestLimits limits{.max_field_name_bytes = 8, .max_field_value_bytes = 8, .max_field_count = 3};
    EXPECT_EQ(verdict(header_with("Abcdefgh: 1\r\n"), limits), Refusal::none);
    EXPECT_EQ(verdict(header_with("Abcdefghi: 1\r\n"), limits), Refusal::header_fields_too_large);
    EXPECT_EQ(verdict(header_with("A: 1234567\r\n"), limits), Refusal::none);
    EXPECT_EQ(verdict(header_with("A: 12345678\r\n"), limits), Refusal::header_fields_too_large)
        << "a value of the limit's size is refused, as RESTinio does";
    EXPECT_EQ(verdict(header_with("A: 1\r\nB: 2\r\n"), limits), Refusal::none);
    EXPECT_EQ(verdict(header_with("A: 1\r\nB: 2\r\nC: 3\r\n"), limits), Refusal::header_fields_too_large);
    // Sizes add up across the pieces a field arrives in, and start again with the next field and the next request.
    RequestGuard guard(limits);
    EXPECT_EQ(feed(guard, "GET / HTTP/1.1\r\nAbcd"), Refusal::none);
    EXPECT_EQ(feed(guard, "efgh: 1234"), Refusal::none);
    EXPECT_EQ(feed(guard, "567\r\nB: 1234567\r\n\r\nGET / HTTP/1.1\r\nC: 1\r\nD: 2\r\n\r\n"), Refusal::none);
    EXPECT_EQ(feed(guard, "GET / HTTP/1.1\r\nAbcd"), Refusal::none);
    EXPECT_EQ(feed(guard, "efghi: 1\r\n"), Refusal::header_fields_too_large);
}

TEST(RequestGuard, AWholeHeaderOverTheParsersLimitIsTooLarge) {
    std::string fields;
    for (int i = 0; i < 20; ++i) {
        fields += "X-" + std::to_string(i) + ": " + std::string(5000, 'a') + "\r\n";
    }
    EXPECT_EQ(verdict(header_with(fields), RequestLimits{.max_field_count = 1000}), Refusal::header_fields_too_large);
}

TEST(RequestGuard, WhatFollowsARequestThatClosesTheConnectionIsIgnored) {
    RequestGuard guard(RequestLimits{});
    EXPECT_EQ(feed(guard, "GET / HTTP/1.1\r\nConnection: close\r\n\r\nGARBAGE"), Refusal::none);
    EXPECT_EQ(feed(guard, "MORE GARBAGE\r\n\r\n"), Refusal::none);
    EXPECT_EQ(guard.requests_complete(), 1u);
    EXPECT_EQ(verdict("GET / HTTP/1.0\r\n\r\nGARBAGE\r\n\r\n"), Refusal::none);
}

TEST(RequestGuard, EachRefusalIsAnsweredWithItsStatusAndClosesTheConnection) {
    const struct {
        Refusal refusal;
        std::string status_line;
    } cases[] = {
        {Refusal::bad_request, "HTTP/1.1 400 Bad Request\r\n"},
        {Refusal::uri_too_long, "HTTP/1.1 414 URI Too Long\r\n"},
        {Refusal::header_fields_too_large, "HTTP/1.1 431 Request Header Fields Too Large\r\n"},
        {Refusal::version_not_supported, "HTTP/1.1 505 HTTP Version Not Supported\r\n"},
    };
    for (const auto& c : cases) {
        const std::string response(refusal_response(c.refusal));
        EXPECT_EQ(response.rfind(c.status_line, 0), 0u) << response;
        EXPECT_NE(response.find("\r\nConnection: close\r\n"), std::string::npos);
        const auto blank = response.find("\r\n\r\n");
        ASSERT_NE(blank, std::string::npos);
        const std::string body = response.substr(blank + 4);
        EXPECT_NE(response.find("\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"), std::string::npos);
    }
    EXPECT_TRUE(refusal_response(Refusal::none).empty());
}

}  // namespace
}  // namespace guichet::web::detail
