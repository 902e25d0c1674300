#include "web/server/request_guard.h"

#include <string>

namespace guichet::web::detail {
namespace {

RequestGuard& self(http_parser* parser) {
    return *static_cast<RequestGuard*>(parser->data);
}

std::string make_response(std::string_view status, std::string_view body) {
    std::string response = "HTTP/1.1 ";
    response += status;
    response +=
        "\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Length: ";
    response += std::to_string(body.size());
    response +=
        "\r\n"
        "Connection: close\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "\r\n";
    response += body;
    return response;
}

}  // namespace

RequestGuard::RequestGuard(RequestLimits limits) : m_limits(limits) {
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &RequestGuard::on_message_begin;
    m_settings.on_url = &RequestGuard::on_url;
    m_settings.on_header_field = &RequestGuard::on_header_field;
    m_settings.on_header_value = &RequestGuard::on_header_value;
    m_settings.on_headers_complete = &RequestGuard::on_headers_complete;
    m_settings.on_message_complete = &RequestGuard::on_message_complete;
}

Refusal RequestGuard::accept(const char* data, std::size_t size) {
    if (m_refusal != Refusal::none || m_closing) {
        return m_refusal;
    }
    http_parser_execute(&m_parser, &m_settings, data, size);
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (error != HPE_OK && m_refusal == Refusal::none && !(error == HPE_PAUSED && m_closing)) {
        // A refusal of ours was set by its callback; anything else is the parser's own verdict.
        m_refusal = error == HPE_HEADER_OVERFLOW ? Refusal::header_fields_too_large : Refusal::bad_request;
    }
    return m_refusal;
}

int RequestGuard::refuse(Refusal refusal) {
    m_refusal = refusal;
    return -1;
}

int RequestGuard::on_message_begin(http_parser* parser) {
    RequestGuard& guard = self(parser);
    ++guard.m_begun;
    guard.m_stage = Stage::header;
    guard.m_url_bytes = 0;
    guard.m_field_name_bytes = 0;
    guard.m_field_value_bytes = 0;
    guard.m_field_count = 0;
    guard.m_last_was_value = true;
    return 0;
}

int RequestGuard::on_url(http_parser* parser, const char*, std::size_t length) {
    RequestGuard& guard = self(parser);
    guard.m_url_bytes += length;
    return guard.m_url_bytes > guard.m_limits.max_url_bytes ? guard.refuse(Refusal::uri_too_long) : 0;
}

int RequestGuard::on_header_field(http_parser* parser, const char*, std::size_t length) {
    RequestGuard& guard = self(parser);
    if (guard.m_last_was_value) {
        if (guard.m_field_count == guard.m_limits.max_field_count) {
            return guard.refuse(Refusal::header_fields_too_large);
        }
        guard.m_field_name_bytes = 0;
        guard.m_last_was_value = false;
    }
    guard.m_field_name_bytes += length;
    return guard.m_field_name_bytes > guard.m_limits.max_field_name_bytes
               ? guard.refuse(Refusal::header_fields_too_large)
               : 0;
}

int RequestGuard::on_header_value(http_parser* parser, const char*, std::size_t length) {
    RequestGuard& guard = self(parser);
    if (!guard.m_last_was_value) {
        guard.m_field_value_bytes = length;
        guard.m_last_was_value = true;
        ++guard.m_field_count;
    } else {
        guard.m_field_value_bytes += length;
    }
    return guard.m_field_value_bytes >= guard.m_limits.max_field_value_bytes
               ? guard.refuse(Refusal::header_fields_too_large)
               : 0;
}

int RequestGuard::on_headers_complete(http_parser* parser) {
    RequestGuard& guard = self(parser);
    if (parser->http_major != 1 || parser->http_minor > 1) {
        return guard.refuse(Refusal::version_not_supported);
    }
    guard.m_stage = Stage::body;
    return 0;
}

int RequestGuard::on_message_complete(http_parser* parser) {
    RequestGuard& guard = self(parser);
    ++guard.m_complete;
    guard.m_stage = Stage::between_requests;
    guard.m_closing = http_should_keep_alive(parser) == 0;
    if (guard.m_closing) {
        // Stop here: what follows a request that closes the connection is never read by the server.
        http_parser_pause(parser, 1);
    }
    return 0;
}

std::string_view refusal_response(Refusal refusal) {
    static const std::string bad_request =
        make_response("400 Bad Request", "Requ\xc3\xaate HTTP invalide (malformed request).\n");
    static const std::string uri_too_long = make_response("414 URI Too Long", "Adresse trop longue (URI too long).\n");
    static const std::string header_fields_too_large = make_response(
        "431 Request Header Fields Too Large", "En-t\xc3\xaates trop volumineux (request header fields too large).\n");
    static const std::string version_not_supported = make_response(
        "505 HTTP Version Not Supported", "Version HTTP non prise en charge (HTTP version not supported).\n");
    switch (refusal) {
        case Refusal::none:
            return {};
        case Refusal::bad_request:
            return bad_request;
        case Refusal::uri_too_long:
            return uri_too_long;
        case Refusal::header_fields_too_large:
            return header_fields_too_large;
        case Refusal::version_not_supported:
            return version_not_supported;
    }
    return {};
}

}  // namespace guichet::web::detail
