#pragma once

// A stream socket for RESTinio that watches the bytes a client sends with a second HTTP parser (RequestGuard, on the
// same http-parser library RESTinio uses). Included only by http_server.cpp.
//
// - RESTinio closes a connection silently when a request does not parse or exceeds a limit; with this socket the
//   client first gets 400, 414, 431 or 505, then the connection is closed once the client has stopped sending (what
//   it still sends is read and dropped for a moment, so that closing does not reset the connection before the client
//   has read the answer).
// - Each stage of a connection gets its own time limit, counted only while the server waits for the client:
//   a request must have sent its whole header within the header timeout (from the connection's opening for the first
//   request, from its first byte for the next ones) and the whole request within the request timeout; a keep-alive
//   connection may stay idle between two requests for the keep-alive timeout. RESTinio's own read time limit covers
//   idle time, header and body together: it is only the outer bound.
//
// RESTinio builds sockets from the io_context alone: the settings come from a service of that io_context
// (GuardSettingsService, installed by the server before it opens).

#include <restinio/asio_include.hpp>
#include <restinio/tls_fwd.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "web/server/request_guard.h"

namespace guichet::web::detail {

struct GuardSettings {
    RequestLimits limits;
    std::chrono::steady_clock::duration header_timeout = std::chrono::seconds(5);
    std::chrono::steady_clock::duration request_timeout = std::chrono::seconds(15);
    std::chrono::steady_clock::duration keep_alive_timeout = std::chrono::seconds(30);
    // After a refusal: how long what the client still sends is read and dropped before closing, and how much.
    std::chrono::steady_clock::duration linger = std::chrono::seconds(2);
    std::size_t linger_bytes = 1024 * 1024;
};

class GuardSettingsService : public restinio::asio_ns::execution_context::service {
  public:
    using key_type = GuardSettingsService;
    static inline restinio::asio_ns::execution_context::id id;

    explicit GuardSettingsService(restinio::asio_ns::execution_context& context)
        : restinio::asio_ns::execution_context::service(context) {}

    GuardSettings settings;

  private:
    void shutdown() override {}
};

// One connection's socket, parser and timer, on the heap: RESTinio moves the socket object around, and the timer's
// handler must find the state still there (it holds a weak reference). Everything here runs on the connection's strand.
struct GuardedStream : std::enable_shared_from_this<GuardedStream> {
    using clock = std::chrono::steady_clock;
    using socket_t = restinio::asio_ns::ip::tcp::socket;

    GuardedStream(restinio::asio_ns::io_context& io_context, const GuardSettings& guard_settings)
        : io_context(io_context),
          socket(io_context),
          timer(io_context),
          settings(guard_settings),
          guard(guard_settings.limits) {}

    // When the time the client has for what it is sending now runs out; nothing while the server is not waiting
    // for the client (handling a request, writing its answer).
    [[nodiscard]] std::optional<clock::time_point> deadline() const {
        if (!read_pending) {
            return std::nullopt;
        }
        if (lingering) {
            return linger_until;
        }
        switch (guard.stage()) {
            case Stage::header:
                return request_started + std::min(settings.header_timeout, settings.request_timeout);
            case Stage::body:
                return request_started + settings.request_timeout;
            case Stage::between_requests:
                if (guard.requests_complete() == 0) {
                    return opened + std::min(settings.header_timeout, settings.request_timeout);
                }
                return idle_since + settings.keep_alive_timeout;
        }
        return std::nullopt;
    }

    // The server asks for more bytes.
    void reading(clock::time_point now) {
        read_pending = true;
        if (!started) {
            started = true;
            opened = now;
            request_started = now;
        }
        if (restart_clock) {
            // The request began in bytes that came with the previous one, while that one was being answered: its
            // time counts from now, when the server turns to it.
            restart_clock = false;
            request_started = now;
        }
        if (guard.stage() == Stage::between_requests && guard.requests_complete() > 0 &&
            idle_after != guard.requests_complete()) {
            idle_after = guard.requests_complete();
            idle_since = now;
        }
        arm_timer();
    }

    // Bytes arrived; returns the refusal if they make the stream unacceptable.
    Refusal received(const char* data, std::size_t size, clock::time_point now) {
        read_pending = false;
        const auto begun_before = guard.requests_begun();
        const auto complete_before = guard.requests_complete();
        const Refusal refusal = guard.accept(data, size);
        if (guard.requests_begun() > begun_before && guard.requests_begun() > 1) {
            request_started = now;
            restart_clock = guard.requests_complete() > complete_before && guard.stage() != Stage::between_requests;
        }
        return refusal;
    }

    void arm_timer() {
        const auto due = deadline();
        if (!due || (timer_armed && armed_for <= *due)) {
            return;  // nothing to watch, or the timer goes off first and looks again then
        }
        timer_armed = true;
        armed_for = *due;
        const auto generation = ++timer_generation;
        timer.expires_at(*due);
        timer.async_wait(restinio::asio_ns::bind_executor(
            *strand, [weak = weak_from_this(), generation](const restinio::asio_ns::error_code& error) {
                const auto self = weak.lock();
                if (!self || error || generation != self->timer_generation) {
                    return;
                }
                self->timer_armed = false;
                const auto due_now = self->deadline();
                if (!due_now) {
                    return;
                }
                if (clock::now() >= *due_now) {
                    self->time_out();
                } else {
                    self->arm_timer();
                }
            }));
    }

    // The client ran out of time while the server waited for it: the pending read ends with an error that makes
    // RESTinio close the connection.
    void time_out() {
        timed_out = true;
        restinio::asio_ns::error_code ignored;
        socket.cancel(ignored);
    }

    void stop_timer() {
        ++timer_generation;
        timer_armed = false;
        restinio::asio_ns::error_code ignored;
        timer.cancel(ignored);
    }

    restinio::asio_ns::io_context& io_context;
    socket_t socket;
    restinio::asio_ns::steady_timer timer;
    const GuardSettings& settings;
    RequestGuard guard;
    std::optional<restinio::asio_ns::any_io_executor> strand;  // the executor of RESTinio's handlers
    clock::time_point opened{};
    clock::time_point request_started{};
    clock::time_point idle_since{};
    clock::time_point armed_for{};
    clock::time_point linger_until{};
    std::uint64_t idle_after = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t timer_generation = 0;
    std::size_t lingered_bytes = 0;
    std::unique_ptr<char[]> linger_buffer;
    int writes_in_flight = 0;
    bool started = false;
    bool read_pending = false;
    bool restart_clock = false;
    bool timer_armed = false;
    bool timed_out = false;
    bool lingering = false;
};

// After a refusal has been written: reads and drops what the client still sends until it closes, the linger time
// runs out or too much came, then hands RESTinio the error that closes the connection.
template <typename Handler>
struct LingerThenClose {
    static constexpr std::size_t kBufferBytes = 16 * 1024;

    GuardedStream* stream;
    Handler handler;

    void start() {
        GuardedStream& s = *stream;
        s.lingering = true;
        s.linger_until = GuardedStream::clock::now() + s.settings.linger;
        s.linger_buffer = std::make_unique<char[]>(kBufferBytes);
        read_more();
    }

    void read_more() {
        GuardedStream& s = *stream;
        s.read_pending = true;
        s.arm_timer();
        auto executor = *s.strand;
        s.socket.async_read_some(restinio::asio_ns::buffer(s.linger_buffer.get(), kBufferBytes),
                                 restinio::asio_ns::bind_executor(executor, std::move(*this)));
    }

    void operator()(const restinio::asio_ns::error_code& error, std::size_t read) {
        GuardedStream& s = *stream;
        s.read_pending = false;
        s.lingered_bytes += read;
        if (error || s.timed_out || s.lingered_bytes > s.settings.linger_bytes) {
            s.stop_timer();
            s.linger_buffer.reset();
            handler(restinio::asio_ns::error::make_error_code(restinio::asio_ns::error::connection_aborted), 0);
            return;
        }
        read_more();
    }
};

class GuardedSocket {
  public:
    using socket_t = GuardedStream::socket_t;
    using executor_type = socket_t::executor_type;

    explicit GuardedSocket(restinio::asio_ns::io_context& io_context) : m_stream(make_stream(io_context)) {}

    // RESTinio moves each accepted socket out of its acceptor slot and accepts again into the same slot, as it may
    // with a moved-from asio socket: so a moved-from GuardedSocket is left holding a fresh, closed socket.
    GuardedSocket(GuardedSocket&& other) : m_stream(std::move(other.m_stream)) {
        other.m_stream = make_stream(m_stream->io_context);
    }

    GuardedSocket& operator=(GuardedSocket&& other) {
        if (this != &other) {
            m_stream = std::move(other.m_stream);
            other.m_stream = make_stream(m_stream->io_context);
        }
        return *this;
    }

    // The stream goes with its last owner (a timer handler running at that moment holds it); a pending timer wait
    // only holds a weak reference.
    ~GuardedSocket() = default;
    GuardedSocket(const GuardedSocket&) = delete;
    GuardedSocket& operator=(const GuardedSocket&) = delete;

    socket_t& lowest_layer() { return m_stream->socket; }
    const socket_t& lowest_layer() const { return m_stream->socket; }
    auto get_executor() { return m_stream->socket.get_executor(); }
    auto remote_endpoint() const { return m_stream->socket.remote_endpoint(); }
    auto is_open() const { return m_stream->socket.is_open(); }
    auto native_handle() { return m_stream->socket.native_handle(); }

    template <typename... Args>
    void cancel(Args&&... args) {
        m_stream->socket.cancel(std::forward<Args>(args)...);
    }
    template <typename... Args>
    void shutdown(Args&&... args) {
        m_stream->socket.shutdown(std::forward<Args>(args)...);
    }
    template <typename... Args>
    void close(Args&&... args) {
        m_stream->stop_timer();
        m_stream->socket.close(std::forward<Args>(args)...);
    }
    template <typename... Args>
    auto native_non_blocking(Args&&... args) {
        return m_stream->socket.native_non_blocking(std::forward<Args>(args)...);
    }
    template <typename... Args>
    auto async_wait(Args&&... args) {
        return m_stream->socket.async_wait(std::forward<Args>(args)...);
    }

    template <typename Buffers, typename Handler>
    void async_read_some(const Buffers& buffers, Handler&& handler) {
        namespace asio = restinio::asio_ns;
        GuardedStream& stream = *m_stream;
        auto executor = asio::get_associated_executor(handler, stream.socket.get_executor());
        if (!stream.strand) {
            stream.strand.emplace(executor);
        }
        if (stream.timed_out) {
            asio::post(executor, [handler = std::forward<Handler>(handler)]() mutable {
                handler(asio::error::make_error_code(asio::error::timed_out), 0);
            });
            return;
        }
        const asio::mutable_buffer target = *asio::buffer_sequence_begin(buffers);
        stream.reading(GuardedStream::clock::now());
        stream.socket.async_read_some(
            buffers, asio::bind_executor(executor, [s = &stream, target, handler = std::forward<Handler>(handler)](
                                                       const asio::error_code& error, std::size_t read) mutable {
                // RESTinio keeps the connection, hence this socket, alive until its handler has run.
                if (s->timed_out) {
                    s->read_pending = false;
                    handler(asio::error::make_error_code(asio::error::timed_out), 0);
                    return;
                }
                if (error || read == 0) {
                    s->read_pending = false;
                    handler(error, read);
                    return;
                }
                const Refusal refusal =
                    s->received(static_cast<const char*>(target.data()), read, GuardedStream::clock::now());
                if (refusal == Refusal::none) {
                    handler(error, read);
                    return;
                }
                if (s->writes_in_flight > 0) {
                    // An answer is being written: it cannot be interleaved with ours; just close.
                    handler(asio::error::make_error_code(asio::error::connection_aborted), 0);
                    return;
                }
                const std::string_view response = refusal_response(refusal);
                asio::error_code ignored;
                asio::write(s->socket, asio::buffer(response.data(), response.size()), ignored);
                s->socket.shutdown(socket_t::shutdown_send, ignored);
                LingerThenClose<std::decay_t<Handler>>{s, std::move(handler)}.start();
            }));
    }

    template <typename Buffers, typename Handler>
    void async_write_some(const Buffers& buffers, Handler&& handler) {
        namespace asio = restinio::asio_ns;
        ++m_stream->writes_in_flight;
        auto executor = asio::get_associated_executor(handler, m_stream->socket.get_executor());
        m_stream->socket.async_write_some(
            buffers, asio::bind_executor(executor, [s = m_stream.get(), handler = std::forward<Handler>(handler)](
                                                       const asio::error_code& error, std::size_t written) mutable {
                --s->writes_in_flight;
                handler(error, written);
            }));
    }

  private:
    static std::shared_ptr<GuardedStream> make_stream(restinio::asio_ns::io_context& io_context) {
        return std::make_shared<GuardedStream>(
            io_context, restinio::asio_ns::use_service<GuardSettingsService>(io_context).settings);
    }

    std::shared_ptr<GuardedStream> m_stream;
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
