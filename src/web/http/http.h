#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guichet::web {

class FileBody;

enum class Method { get, head, post, put, patch, delete_, options, other };

[[nodiscard]] Method method_from_string(std::string_view method);
[[nodiscard]] std::string_view method_name(Method method);

// HTTP header fields in arrival order; names compare case-insensitively.
class Headers {
  public:
    // Returns the value of the first field with this name, or std::nullopt.
    [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const;
    // Appends a field, keeping any existing one with the same name (Set-Cookie may repeat).
    void add(std::string name, std::string value);
    // Replaces every field with this name by one field.
    void set(std::string name, std::string value);
    [[nodiscard]] bool contains(std::string_view name) const { return find(name).has_value(); }
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& fields() const { return m_fields; }

  private:
    std::vector<std::pair<std::string, std::string>> m_fields;
};

// One part of a multipart/form-data body: an ordinary field (no filename) or an uploaded file.
struct BodyPart {
    std::string name;
    std::string filename;
    std::string body;
};

// What the server adapter hands to the application: a complete request, independent of the HTTP library.
struct Request {
    Method method = Method::get;
    std::string target;  // as received: "/chanteloup-les-vignes/?lang=en"
    std::string path;    // target without the query, still percent-encoded
    std::string query;   // after '?', without it
    Headers headers;
    std::string body;
    std::string remote_address;  // the TCP peer
    // The address the request comes from (client_address: the peer, or the client behind a trusted proxy); set by the
    // pipeline before anything reads it.
    std::string client_address;
    // The parts of a multipart/form-data body, split by the server adapter; empty for any other body, and when
    // the multipart body is malformed (multipart_malformed is then true).
    std::vector<BodyPart> parts;
    bool multipart_malformed = false;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    // When set, the body is this file (and `body` stays empty): the server sends it from the file.
    std::shared_ptr<const FileBody> file;

    // The length of the body, in bytes, whichever holds it.
    [[nodiscard]] std::uint64_t body_size() const;

    [[nodiscard]] static Response html(int status, std::string body);
    [[nodiscard]] static Response text(int status, std::string body);
    [[nodiscard]] static Response json(int status, std::string body);
    // A redirect to a path of this site; 303 after a form, 301 for canonical URLs.
    [[nodiscard]] static Response redirect(int status, std::string location);
};

// Returns the reason phrase for the status codes the portal uses ("Not Found"); "Unknown" otherwise.
[[nodiscard]] std::string_view reason_phrase(int status);

// Compares ASCII strings without regard to case, as HTTP field names and tokens are.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

}  // namespace guichet::web
