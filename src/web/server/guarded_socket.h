#pragma once

// A stream socket for RESTinio that watches the bytes a client sends with a second HTTP parser (the same
// http-parser library RESTinio uses). RESTinio closes a connection silently when a request does not parse; with this
// socket the client first gets a "400 Bad Request", so a person or tool sending a malformed request learns why.
// Included only by http_server.cpp.

#include <http_parser.h>
#include <restinio/asio_include.hpp>
#include <restinio/tls_fwd.hpp>

#include <memory>
#include <string_view>
#include <utility>

namespace guichet::web::detail {

// Parser state for one connection, kept on the heap so that it stays put when the socket object is moved.
struct RequestGuard {
    RequestGuard() {
        http_parser_init(&parser, HTTP_REQUEST);
        http_parser_settings_init(&settings);
    }

    // Feeds bytes just received; returns false once the stream is no longer valid HTTP/1.x.
    bool accept(const char* data, std::size_t size) {
        if (HTTP_PARSER_ERRNO(&parser) != HPE_OK) {
            return false;
        }
        http_parser_execute(&parser, &settings, data, size);
        return HTTP_PARSER_ERRNO(&parser) == HPE_OK;
    }

    http_parser parser{};
    http_parser_settings settings{};
    int writes_in_flight = 0;
};

inline constexpr std::string_view kBadRequestResponse =
    "HTTP/1.1 400 Bad Request\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 45\r\n"
    "Connection: close\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "\r\n"
    "Requ\xc3\xaate HTTP invalide (malformed request).\n";

class GuardedSocket {
  public:
    using socket_t = restinio::asio_ns::ip::tcp::socket;
    using executor_type = socket_t::executor_type;

    explicit GuardedSocket(restinio::asio_ns::io_context& io_context)
        : m_socket(std::make_unique<socket_t>(io_context)), m_guard(std::make_unique<RequestGuard>()) {}

    // RESTinio moves each accepted socket out of its acceptor slot and accepts again into the same slot, as it may
    // with a moved-from asio socket: so a moved-from GuardedSocket is left holding a fresh, closed socket.
    GuardedSocket(GuardedSocket&& other) : m_socket(std::move(other.m_socket)), m_guard(std::move(other.m_guard)) {
        other.reset_to_fresh(m_socket->get_executor());
    }

    GuardedSocket& operator=(GuardedSocket&& other) {
        if (this != &other) {
            m_socket = std::move(other.m_socket);
            m_guard = std::move(other.m_guard);
            other.reset_to_fresh(m_socket->get_executor());
        }
        return *this;
    }

    ~GuardedSocket() = default;
    GuardedSocket(const GuardedSocket&) = delete;
    GuardedSocket& operator=(const GuardedSocket&) = delete;

    socket_t& lowest_layer() { return *m_socket; }
    const socket_t& lowest_layer() const { return *m_socket; }
    auto get_executor() { return m_socket->get_executor(); }
    auto remote_endpoint() const { return m_socket->remote_endpoint(); }
    auto is_open() const { return m_socket->is_open(); }
    auto native_handle() { return m_socket->native_handle(); }

    template <typename... Args>
    void cancel(Args&&... args) {
        m_socket->cancel(std::forward<Args>(args)...);
    }
    template <typename... Args>
    void shutdown(Args&&... args) {
        m_socket->shutdown(std::forward<Args>(args)...);
    }
    template <typename... Args>
    void close(Args&&... args) {
        m_socket->close(std::forward<Args>(args)...);
    }
    template <typename... Args>
    auto native_non_blocking(Args&&... args) {
        return m_socket->native_non_blocking(std::forward<Args>(args)...);
    }
    template <typename... Args>
    auto async_wait(Args&&... args) {
        return m_socket->async_wait(std::forward<Args>(args)...);
    }

    template <typename Buffers, typename Handler>
    void async_read_some(const Buffers& buffers, Handler&& handler) {
        namespace asio = restinio::asio_ns;
        const asio::mutable_buffer target = *asio::buffer_sequence_begin(buffers);
        auto executor = asio::get_associated_executor(handler, m_socket->get_executor());
        m_socket->async_read_some(
            buffers, asio::bind_executor(executor, [socket = m_socket.get(), guard = m_guard.get(), target,
                                                    handler = std::forward<Handler>(handler)](
                                                       const asio::error_code& error, std::size_t read) mutable {
                if (!error && read > 0 && !guard->accept(static_cast<const char*>(target.data()), read)) {
                    if (guard->writes_in_flight == 0) {
                        asio::error_code ignored;
                        asio::write(*socket, asio::buffer(kBadRequestResponse.data(), kBadRequestResponse.size()),
                                    ignored);
                        socket->shutdown(socket_t::shutdown_send, ignored);
                    }
                    handler(asio::error::make_error_code(asio::error::connection_aborted), 0);
                    return;
                }
                handler(error, read);
            }));
    }

    template <typename Buffers, typename Handler>
    void async_write_some(const Buffers& buffers, Handler&& handler) {
        namespace asio = restinio::asio_ns;
        ++m_guard->writes_in_flight;
        auto executor = asio::get_associated_executor(handler, m_socket->get_executor());
        m_socket->async_write_some(
            buffers, asio::bind_executor(executor, [guard = m_guard.get(), handler = std::forward<Handler>(handler)](
                                                       const asio::error_code& error, std::size_t written) mutable {
                --guard->writes_in_flight;
                handler(error, written);
            }));
    }

  private:
    void reset_to_fresh(const executor_type& executor) {
        m_socket = std::make_unique<socket_t>(executor);
        m_guard = std::make_unique<RequestGuard>();
    }

    std::unique_ptr<socket_t> m_socket;
    std::unique_ptr<RequestGuard> m_guard;
};

// RESTinio finds these by argument-dependent lookup: a plain socket needs no handshake and has no TLS state.
template <typename Connection, typename Start_Read_CB, typename Failed_CB>
void prepare_connection_and_start_read(GuardedSocket&, Connection&, Start_Read_CB start_read_cb, Failed_CB) {
    start_read_cb();
}

inline restinio::tls_socket_t* make_tls_socket_pointer_for_state_listener(GuardedSocket&) noexcept {
    return nullptr;
}

}  // namespace guichet::web::detail
