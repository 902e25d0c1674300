#include "web/http/http.h"

#include "web/http/file_body.h"

#include <algorithm>
#include <cctype>

namespace guichet::web {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

Method method_from_string(std::string_view method) {
    if (method == "GET")
        return Method::get;
    if (method == "HEAD")
        return Method::head;
    if (method == "POST")
        return Method::post;
    if (method == "PUT")
        return Method::put;
    if (method == "PATCH")
        return Method::patch;
    if (method == "DELETE")
        return Method::delete_;
    if (method == "OPTIONS")
        return Method::options;
    return Method::other;
}

std::string_view method_name(Method method) {
    switch (method) {
        case Method::get:
            return "GET";
        case Method::head:
            return "HEAD";
        case Method::post:
            return "POST";
        case Method::put:
            return "PUT";
        case Method::patch:
            return "PATCH";
        case Method::delete_:
            return "DELETE";
        case Method::options:
            return "OPTIONS";
        case Method::other:
            break;
    }
    return "OTHER";
}

std::optional<std::string_view> Headers::find(std::string_view name) const {
    for (const auto& [field, value] : m_fields) {
        if (iequals(field, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

void Headers::add(std::string name, std::string value) {
    // A header never spans lines: whatever put a line break in a value, it cannot start a new header.
    std::erase_if(value, [](char c) { return c == '\r' || c == '\n'; });
    std::erase_if(name, [](char c) { return c == '\r' || c == '\n' || c == ':'; });
    m_fields.emplace_back(std::move(name), std::move(value));
}

void Headers::set(std::string name, std::string value) {
    std::erase_if(m_fields, [&](const auto& field) { return iequals(field.first, name); });
    add(std::move(name), std::move(value));
}

std::uint64_t Response::body_size() const {
    return file ? file->size() : body.size();
}

Response Response::html(int status, std::string body) {
    Response response{status, {}, std::move(body)};
    response.headers.set("Content-Type", "text/html; charset=utf-8");
    return response;
}

Response Response::text(int status, std::string body) {
    Response response{status, {}, std::move(body)};
    response.headers.set("Content-Type", "text/plain; charset=utf-8");
    return response;
}

Response Response::json(int status, std::string body) {
    Response response{status, {}, std::move(body)};
    response.headers.set("Content-Type", "application/json");
    return response;
}

Response Response::redirect(int status, std::string location) {
    Response response{status, {}, {}};
    response.headers.set("Location", std::move(location));
    return response;
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            break;
    }
    return "Unknown";
}

}  // namespace guichet::web
