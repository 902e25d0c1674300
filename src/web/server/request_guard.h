#pragma once

// The second HTTP parser that GuardedSocket runs over the bytes a client sends (the same http-parser library RESTinio
// uses), kept apart from asio and RESTinio so that it can be tested alone. It refuses what RESTinio would drop
// silently, with the status a client can act on, and tells the socket where the stream stands (between two requests,
// in a request's header, in its body) so that each stage gets its own time limit.

#include <http_parser.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace guichet::web::detail {

// What a request may hold. Checked exactly as RESTinio checks its incoming_http_msg_limits_t (same counts, same
// comparisons), so that with the same values the guard refuses a request before RESTinio sees it.
struct RequestLimits {
    std::size_t max_url_bytes = 8 * 1024;
    std::size_t max_field_name_bytes = 256;
    std::size_t max_field_value_bytes = 8 * 1024;  // a value of this size is refused already, as RESTinio does
    std::size_t max_field_count = 100;
};

enum class Refusal {
    none,
    bad_request,              // 400: not HTTP/1.x
    uri_too_long,             // 414
    header_fields_too_large,  // 431: a field name or value too long, too many fields, or the whole header too large
    version_not_supported,    // 505: an HTTP version other than 1.0 and 1.1
};

// Where the stream of one connection stands after the bytes fed so far.
enum class Stage {
    between_requests,  // nothing of the next request yet (line breaks between requests do not count)
    header,            // a request has begun; its header is not complete
    body,              // its header is complete, not its body
};

class RequestGuard {
  public:
    explicit RequestGuard(RequestLimits limits);
    RequestGuard(const RequestGuard&) = delete;  // the parser points back to this object
    RequestGuard& operator=(const RequestGuard&) = delete;

    // Feeds bytes just received. Returns the refusal once the stream is no longer acceptable (and from then on);
    // Refusal::none while it is. Bytes after a request that closes the connection (HTTP/1.0, "Connection: close")
    // are ignored: the server answers that request and closes.
    Refusal accept(const char* data, std::size_t size);

    [[nodiscard]] Refusal refusal() const { return m_refusal; }
    [[nodiscard]] Stage stage() const { return m_stage; }
    // Requests begun (their first byte seen) and complete (their last byte seen) since the connection opened.
    [[nodiscard]] std::uint64_t requests_begun() const { return m_begun; }
    [[nodiscard]] std::uint64_t requests_complete() const { return m_complete; }

  private:
    static int on_message_begin(http_parser* parser);
    static int on_url(http_parser* parser, const char* at, std::size_t length);
    static int on_header_field(http_parser* parser, const char* at, std::size_t length);
    static int on_header_value(http_parser* parser, const char* at, std::size_t length);
    static int on_headers_complete(http_parser* parser);
    static int on_message_complete(http_parser* parser);
    int refuse(Refusal refusal);

    RequestLimits m_limits;
    http_parser m_parser{};
    http_parser_settings m_settings{};
    Refusal m_refusal = Refusal::none;
    Stage m_stage = Stage::between_requests;
    bool m_closing = false;
    std::uint64_t m_begun = 0;
    std::uint64_t m_complete = 0;
    // Sizes of the current request, counted as RESTinio counts them.
    std::size_t m_url_bytes = 0;
    std::size_t m_field_name_bytes = 0;
    std::size_t m_field_value_bytes = 0;
    std::size_t m_field_count = 0;
    bool m_last_was_value = true;
};

// The whole HTTP response that answers a refusal (with "Connection: close"); empty for Refusal::none.
std::string_view refusal_response(Refusal refusal);

}  // namespace guichet::web::detail
