#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "web/pipeline/application.h"

namespace guichet::web {

// Explicit limits on what a client may send; RESTinio's own defaults are unlimited.
struct ServerLimits {
    std::size_t max_url_bytes = 8 * 1024;
    std::size_t max_field_name_bytes = 256;
    std::size_t max_field_value_bytes = 8 * 1024;
    std::size_t max_field_count = 100;
    // Above the application's own body limit (which answers 413): a body past this cap is not even read, the
    // connection is cut.
    std::size_t hard_body_bytes = 32 * 1024 * 1024;
    // Connections held at once (more wait in the listen queue), and from one client address (more are closed at
    // once; 0: no cap). An idle connection costs about 10 KB and one file descriptor.
    std::size_t max_connections = 20000;
    std::size_t max_connections_per_address = 200;
    // While the server waits for the client: a request's header must be complete within header_timeout (from the
    // connection's opening for the first request, from its first byte for the next ones), the whole request within
    // read_timeout; a keep-alive connection may stay idle between requests for keep_alive_timeout.
    std::chrono::seconds header_timeout{5};
    std::chrono::seconds read_timeout{15};
    std::chrono::seconds keep_alive_timeout{30};
    std::chrono::seconds write_timeout{30};
    std::chrono::seconds handle_timeout{30};
};

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port; port() tells which
    std::size_t threads = 4;
    ServerLimits limits;
};

// The HTTP server: RESTinio on asio, handing each complete request to the Application. The only part of Guichet that
// includes RESTinio. A request whose request line or headers do not parse is answered 400 (414 for a URL over the
// limit, 431 for headers over the limits, 505 for an HTTP version other than 1.0 and 1.1) and its connection closed.
// Pipelined requests are answered one after the other, in order.
class HttpServer {
  public:
    HttpServer(ServerOptions options, Application& application, std::shared_ptr<spdlog::logger> log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the listening socket. Throws std::runtime_error when the address cannot be bound (port taken, bad
    // address). No request is answered before run().
    void open();

    // Starts the threads that serve requests.
    void run();

    // Returns the port actually bound (useful when the options asked for port 0). Valid after open().
    [[nodiscard]] std::uint16_t port() const;

    // Graceful stop: stops accepting connections, waits until requests being handled are answered (at most grace),
    // then stops the worker threads. Idempotent.
    void stop(std::chrono::milliseconds grace);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace guichet::web
