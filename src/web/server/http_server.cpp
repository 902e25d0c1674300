#include "web/server/http_server.h"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/multipart_body.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "web/http/file_body.h"
#include "web/server/guarded_socket.h"

namespace guichet::web {
namespace {

// Counts the open connections of each client address (loopback included); a new connection from an address that
// already holds `cap` is closed at once by RESTinio's acceptor. The acceptor asks, the connections tell when they open
// and close, from several threads.
class AddressCap {
  public:
    AddressCap(std::size_t cap, std::shared_ptr<spdlog::logger> log) : m_cap(cap), m_log(std::move(log)) {}

    restinio::ip_blocker::inspection_result_t inspect(const restinio::ip_blocker::incoming_info_t& info) noexcept {
        if (m_cap == 0) {
            return restinio::ip_blocker::allow();
        }
        const auto address = info.remote_endpoint().address();
        std::lock_guard lock(m_mutex);
        const auto found = m_per_address.find(address);
        if (found == m_per_address.end() || found->second < m_cap) {
            return restinio::ip_blocker::allow();
        }
        ++m_refused;
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last_report >= std::chrono::seconds(10)) {
            // At most one line every ten seconds, however fast the refusals come.
            m_last_report = now;
            try {
                m_log->warn(nlohmann::json{{"event", "connections_refused"},
                                           {"reason", "max_connections_per_address"},
                                           {"address", address.to_string()},
                                           {"cap", m_cap},
                                           {"refused", std::exchange(m_refused, 0)}}
                                .dump());
            } catch (...) {
            }
        }
        return restinio::ip_blocker::deny();
    }

    void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
        if (m_cap == 0) {
            return;
        }
        const auto cause = notice.cause();
        std::lock_guard lock(m_mutex);
        try {
            if (std::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
                const auto address = notice.remote_endpoint().address();
                if (m_open.emplace(notice.connection_id(), address).second) {
                    ++m_per_address[address];
                }
            } else if (std::holds_alternative<restinio::connection_state::closed_t>(cause)) {
                // A connection may report its closing more than once: only the first counts.
                const auto open = m_open.find(notice.connection_id());
                if (open != m_open.end()) {
                    const auto count = m_per_address.find(open->second);
                    if (count != m_per_address.end() && --count->second == 0) {
                        m_per_address.erase(count);
                    }
                    m_open.erase(open);
                }
            }
        } catch (const std::exception&) {
            // Out of memory: the count of this connection is lost, which only ever lets more in.
        }
    }

  private:
    const std::size_t m_cap;
    std::shared_ptr<spdlog::logger> m_log;
    std::mutex m_mutex;
    std::unordered_map<restinio::connection_id_t, restinio::asio_ns::ip::address> m_open;
    std::unordered_map<restinio::asio_ns::ip::address, std::size_t> m_per_address;
    std::size_t m_refused = 0;
    std::chrono::steady_clock::time_point m_last_report{};
};

struct ServerTraits : public restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                                restinio::default_request_handler_t, restinio::default_strand_t,
                                                detail::GuardedSocket> {
    static constexpr bool use_connection_count_limiter = true;
    using ip_blocker_t = AddressCap;
    using connection_state_listener_t = AddressCap;
};

using Server = restinio::http_server_t<ServerTraits>;

Request to_request(const restinio::request_handle_t& handle) {
    Request request;
    const auto& header = handle->header();
    request.method = method_from_string(header.method().c_str());
    request.target = std::string(header.request_target());
    const auto question = request.target.find('?');
    request.path = request.target.substr(0, question);
    if (question != std::string::npos) {
        request.query = request.target.substr(question + 1);
    }
    header.for_each_field([&request](const restinio::http_header_field_t& field) {
        request.headers.add(std::string(field.name()), std::string(field.value()));
    });
    request.body = handle->body();
    request.remote_address = handle->remote_endpoint().address().to_string();
    const auto type = request.headers.find("Content-Type");
    // Only bodies a route could accept are split (the import's limit is the largest); others are refused later.
    constexpr std::size_t kMaxMultipartBytes = 16 * 1024 * 1024;
    if (type && type->rfind("multipart/form-data", 0) == 0 && request.body.size() <= kMaxMultipartBytes) {
        // RESTinio splits the parts; the application sees plain strings.
        const auto parsed = restinio::multipart_body::enumerate_parts(
            *handle, [&request](restinio::multipart_body::parsed_part_t part) {
                BodyPart body_part;
                body_part.body = std::string(part.body);
                const auto disposition = part.fields.opt_value_of(restinio::http_field::content_disposition);
                if (disposition) {
                    const auto parsed_disposition =
                        restinio::http_field_parsers::content_disposition_value_t::try_parse(*disposition);
                    if (parsed_disposition) {
                        for (const auto& [key, value] : parsed_disposition->parameters) {
                            if (key == "name")
                                body_part.name = value;
                            if (key == "filename")
                                body_part.filename = value;
                        }
                    }
                }
                request.parts.push_back(std::move(body_part));
                return restinio::multipart_body::handling_result_t::continue_enumeration;
            });
        request.multipart_malformed = !parsed;
    }
    return request;
}

void answer(const restinio::request_handle_t& handle, Response response, bool head_request) {
    auto builder = handle->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                     std::string(reason_phrase(response.status))});
    bool close = false;
    for (auto& [name, value] : response.headers.fields()) {
        if (iequals(name, "Connection")) {
            close = iequals(value, "close");
            continue;
        }
        builder.append_header(name, value);
    }
    if (close) {
        builder.connection_close();
    }
    if (head_request) {
        // No body; RESTinio writes the length of the empty one.
    } else if (response.file) {
        // The file's descriptor is duplicated: RESTinio closes its copy when the last chunk has left, the response's
        // FileBody closes the other.
        restinio::file_descriptor_holder_t descriptor{::dup(response.file->descriptor())};
        builder.set_body(restinio::sendfile(std::move(descriptor), restinio::file_meta_t{response.file->size(), {}}));
    } else {
        builder.set_body(std::move(response.body));
    }
    builder.done();
}

}  // namespace

struct HttpServer::Impl {
    Impl(ServerOptions server_options, Application& app, std::shared_ptr<spdlog::logger> logger)
        : options(std::move(server_options)), application(app), log(std::move(logger)) {}

    ServerOptions options;
    Application& application;
    std::shared_ptr<spdlog::logger> log;
    restinio::asio_ns::io_context io_context;
    std::unique_ptr<Server> server;
    std::vector<std::thread> threads;
    std::atomic<std::uint16_t> bound_port{0};
    bool running = false;
};

HttpServer::HttpServer(ServerOptions options, Application& application, std::shared_ptr<spdlog::logger> log)
    : m_impl(std::make_unique<Impl>(std::move(options), application, std::move(log))) {}

HttpServer::~HttpServer() {
    stop(std::chrono::milliseconds(0));
}

void HttpServer::open() {
    Impl& impl = *m_impl;
    const ServerLimits& limits = impl.options.limits;
    // The sockets' own guard: the same size limits as RESTinio's below (it sees the bytes first, and answers), and
    // the time limits of each stage of a connection.
    detail::GuardSettings& guard =
        restinio::asio_ns::use_service<detail::GuardSettingsService>(impl.io_context).settings;
    guard.limits = detail::RequestLimits{limits.max_url_bytes, limits.max_field_name_bytes,
                                         limits.max_field_value_bytes, limits.max_field_count};
    guard.header_timeout = limits.header_timeout;
    guard.request_timeout = limits.read_timeout;
    guard.keep_alive_timeout = limits.keep_alive_timeout;
    auto address_cap = std::make_shared<AddressCap>(limits.max_connections_per_address, impl.log);
    restinio::server_settings_t<ServerTraits> settings;
    settings.address(impl.options.address)
        .port(impl.options.port)
        .request_handler(
            [&application = impl.application, &io_context = impl.io_context](restinio::request_handle_t handle) {
                Request request = to_request(handle);
                const bool head = request.method == Method::head;
                // The answer may come later, from the worker pool: RESTinio accepts a response from any thread. It is
                // never given from within this handler: RESTinio would then start reading the next pipelined request
                // twice (when the handler returns and when the answer is written) and drop the connection.
                application.handle(std::move(request), [handle, head, &io_context](Response response) {
                    restinio::asio_ns::post(io_context, [handle, head, response = std::move(response)]() mutable {
                        answer(handle, std::move(response), head);
                    });
                });
                return restinio::request_accepted();
            })
        // The guard enforces the limits of each stage; RESTinio's limit on idle time, header and body together
        // (counted from the end of the previous answer) is only the outer bound.
        .read_next_http_message_timelimit(limits.keep_alive_timeout + limits.read_timeout + std::chrono::seconds(2))
        .write_http_response_timelimit(limits.write_timeout)
        .handle_request_timeout(limits.handle_timeout)
        // One request at a time: a pipelined request is read once the previous one is answered (answers stay in
        // order), and the guard knows that a connection waiting for bytes after an answer is idle.
        .max_pipelined_requests(1)
        .max_parallel_connections(limits.max_connections)
        .ip_blocker(address_cap)
        .connection_state_listener(address_cap)
        .concurrent_accepts_count(impl.options.threads)
        .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                      .max_url_size(limits.max_url_bytes)
                                      .max_field_name_size(limits.max_field_name_bytes)
                                      .max_field_value_size(limits.max_field_value_bytes)
                                      .max_field_count(limits.max_field_count)
                                      .max_body_size(limits.hard_body_bytes))
        .acceptor_post_bind_hook([&impl](restinio::asio_ns::ip::tcp::acceptor& acceptor) {
            impl.bound_port.store(acceptor.local_endpoint().port());
        });
    impl.server = std::make_unique<Server>(restinio::external_io_context(impl.io_context), std::move(settings));
    try {
        impl.server->open_sync();
    } catch (const std::exception& error) {
        throw std::runtime_error(
            fmt::format("Cannot listen on {}:{}: {}", impl.options.address, impl.options.port, error.what()));
    }
    impl.running = true;
}

void HttpServer::run() {
    Impl& impl = *m_impl;
    for (std::size_t i = 0; i < std::max<std::size_t>(impl.options.threads, 1); ++i) {
        impl.threads.emplace_back([&impl] {
            for (;;) {
                try {
                    impl.io_context.run();
                    return;
                } catch (const std::exception& error) {
                    impl.log->error(nlohmann::json{{"event", "io_thread_error"}, {"error", error.what()}}.dump());
                }
            }
        });
    }
}

std::uint16_t HttpServer::port() const {
    return m_impl->bound_port.load();
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    Impl& impl = *m_impl;
    if (!impl.running) {
        return;
    }
    impl.running = false;
    impl.application.begin_draining();
    std::atomic<bool> closed{false};
    impl.server->close_async([&closed] { closed.store(true); }, [&closed](std::exception_ptr) { closed.store(true); });
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (!closed.load() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    while (impl.application.metrics().in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // Handlers have returned; give the last responses a moment to leave the socket buffers.
    std::this_thread::sleep_for(std::min(grace, std::chrono::milliseconds(100)));
    impl.io_context.stop();
    for (auto& thread : impl.threads) {
        thread.join();
    }
    impl.threads.clear();
    impl.server.reset();
}

}  // namespace guichet::web
